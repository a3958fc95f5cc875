import Mustache

/// A section as the body sees it: its plan, its rendered items and its rendered note.
struct RenderedSection {
    let plan: SectionPlan
    let items: [String]
    let note: String?
    let omitted: Int
}

/// Why an item could not be rendered.
enum ItemRenderProblem: Error {
    /// The item's `kind` names no template of its section.
    case unknownKind(String?)
}

extension PromptTemplate {
    /// Renders the body around already rendered sections (in document order).
    func renderBody(_ sections: [RenderedSection]) -> String {
        var root: [String: Any] = [:]
        var list: [[String: Any]] = []
        list.reserveCapacity(sections.count)
        for section in sections {
            var items: [[String: Any]] = []
            items.reserveCapacity(section.items.count)
            let last = section.items.count - 1
            for (index, item) in section.items.enumerated() {
                items.append(["item": item, "first": index == 0, "last": index == last])
            }
            var context: [String: Any] = [
                "id": section.plan.id,
                "heading": section.plan.heading,
                "items": items,
                "omitted": section.omitted,
                "kept": section.items.count,
            ]
            if let note = section.note { context["note"] = note }
            root[section.plan.id] = context
            list.append(context)
        }
        root["sections"] = list
        return body.render(root)
    }
}

extension SectionPlan {
    /// Renders one item from its cleaned fields; an empty result means the item has nothing to show.
    func renderItem(_ fields: [String: String]) throws(ItemRenderProblem) -> String {
        switch itemTemplates {
        case .single(let template):
            return template.render(fields)
        case .byKind(let templates):
            guard let kind = fields["kind"], let template = templates[kind] else {
                throw .unknownKind(fields["kind"])
            }
            return template.render(fields)
        }
    }

    /// Renders the omission note for `omitted` items.
    func renderNote(omitted: Int) -> String? {
        guard let omission else { return nil }
        let template = omitted == 1 ? omission.one : omission.other
        return template.render(["omitted": omitted])
    }

    /// The item's fields cleaned (see `Sanitizer.clean`), without those that clean to nothing.
    static func cleanedFields(_ fields: [String: String]) -> [String: String] {
        var cleaned: [String: String] = [:]
        cleaned.reserveCapacity(fields.count)
        for (name, value) in fields {
            let value = Sanitizer.clean(value)
            if !value.isEmpty { cleaned[name] = value }
        }
        return cleaned
    }
}
