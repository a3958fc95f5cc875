/// Renders sample data through a freshly compiled template and verifies the structure it produces.
///
/// Catches, at compile time, a body that renders sections out of order, joins items onto one line, puts
/// volatile content before the cache breakpoint, or an item template that renders more than one block.
final class LayoutCheck {
    let template: PromptTemplate
    /// Set when the fast renderer disagreed with swift-mustache on an item template.
    var mismatch: String?

    init(template: PromptTemplate) {
        self.template = template
    }

    func run() throws(TemplateError) {
        for count in [1, 2] {
            for withNote in [false, true] {
                let sections = template.sections.map { sample($0, items: count, note: withNote) }
                try verify(sections, label: "\(count) item(s) per section\(withNote ? " with notes" : "")")
                let stable = sections.filter(\.plan.isStable)
                let full = template.renderBody(sections)
                let stableText = template.renderBody(stable)
                guard full.remainder(after: stableText) != nil else {
                    throw TemplateError(file: template.file, line: nil, problem: .layout(
                        "the text rendered for the sections up to the cache breakpoint is not a prefix of the whole prompt"))
                }
            }
        }
        for section in template.sections {
            try verify([sample(section, items: 1, note: false)], label: "only section '\(section.id)'")
            if !section.headingOnlyKinds.isEmpty {
                let alone = RenderedSection(plan: section, items: [], note: nil, omitted: 0)
                try verify(template.sections.map { $0.id == section.id ? alone : sample($0, items: 1, note: false) },
                           label: "section '\(section.id)' as its heading alone")
            }
        }
        if let mismatch {
            throw TemplateError(file: template.file, line: nil, problem: .rendererMismatch(mismatch))
        }
    }

    private func verify(_ sections: [RenderedSection], label: String) throws(TemplateError) {
        let markdown = template.renderBody(sections)
        guard markdown == template.renderBody(sections, reference: true) else {
            throw TemplateError(file: template.file, line: nil, problem: .rendererMismatch("body, \(label)"))
        }
        do {
            try StructureGuard.verify(markdown, frame: template.frame, sections: sections.map(\.expected), marker: false)
        } catch {
            throw TemplateError(file: template.file, line: nil, problem: .layout("\(label): \(error.description)"))
        }
    }

    private func sample(_ plan: SectionPlan, items count: Int, note: Bool) -> RenderedSection {
        let kinds: [String]
        switch plan.itemTemplates {
        case .single: kinds = [""]
        case .byKind(let templates): kinds = templates.keys.sorted().filter { !plan.headingOnlyKinds.contains($0) }
        }
        // A section whose every kind is heading-only renders no line.
        if kinds.isEmpty { return RenderedSection(plan: plan, items: [], note: nil, omitted: 0) }
        let items = (0..<count).map { index -> String in
            let kind = kinds[index % kinds.count]
            var fields = ["kind": kind]
            for name in sampleFieldNames(plan) { fields[name] = "sample" }
            return (try? plan.renderItem(fields)) ?? ""
        }
        for index in 0..<count {
            var fields = ["kind": kinds[index % kinds.count]]
            for name in sampleFieldNames(plan) { fields[name] = "sample" }
            if (try? plan.renderItem(fields)) != (try? plan.renderItem(fields, reference: true)) {
                mismatch = "item template of section '\(plan.id)'"
            }
        }
        let hasNote = note && plan.omission != nil
        return RenderedSection(plan: plan, items: items, note: hasNote ? plan.renderNote(omitted: 3) : nil, omitted: hasNote ? 3 : 0)
    }

    private func sampleFieldNames(_ plan: SectionPlan) -> [String] {
        plan.fieldNames
    }
}

extension RenderedSection {
    var expected: ExpectedSection {
        ExpectedSection(id: plan.id, heading: plan.heading, style: plan.style, items: lines.count,
                        note: note == nil ? nil : plan.omission?.placement)
    }
}
