/// A section as the body sees it: its plan, its rendered items and its rendered note.
struct RenderedSection {
    let plan: SectionPlan
    let items: [String]
    let note: String?
    let omitted: Int
    /// Exact tokens of each item's line (`item + "\n"`), when known: lets counts reuse them (see `TokenTally`).
    var itemTokens: [Int] = []
}

/// Why an item could not be rendered.
enum ItemRenderProblem: Error {
    /// The item's `kind` names no template of its section.
    case unknownKind(String?)
}

extension PromptTemplate {
    /// Renders the body around already rendered sections (in document order).
    func renderBody(_ sections: [RenderedSection], reference: Bool = false) -> String {
        let context = bodyContext(sections)
        return reference ? body.renderWithReference(context) : body.render(context)
    }

    /// The body's context: the root object with `sections` and each section by id (see `MustacheValue.body`).
    func bodyContext(_ sections: [RenderedSection]) -> MustacheValue {
        .body(BodySections(sections))
    }
}

extension SectionPlan {
    /// Renders one item from its cleaned fields; an empty result means the item has nothing to show.
    ///
    /// `cleaned`: the fields come from `cleanedFields`, so rendering may skip cleaning them again (same bytes).
    func renderItem(_ fields: [String: String], reference: Bool = false, cleaned: Bool = false) throws(ItemRenderProblem) -> String {
        try renderItem(fields, kind: fields["kind"], reference: reference, cleaned: cleaned)
    }

    /// `renderItem(_:reference:cleaned:)` given `fields["kind"]`, which the caller already looked up;
    /// `scratch`: buffers to reuse (see `RenderScratch`).
    func renderItem(
        _ fields: [String: String], kind: String?, reference: Bool = false, cleaned: Bool = false, scratch: RenderScratch? = nil
    ) throws(ItemRenderProblem) -> String {
        let template: CompiledMustache
        switch itemTemplates {
        case .single(let single):
            template = single
        case .byKind(let templates):
            guard let kind, let found = templates[kind] else { throw .unknownKind(kind) }
            template = found
        }
        let context = MustacheValue.fields(fields)
        return reference ? template.renderWithReference(context) : template.render(context, textIsClean: cleaned, scratch: scratch)
    }

    /// Renders the omission note for `omitted` items.
    func renderNote(omitted: Int) -> String? {
        guard let omission else { return nil }
        let template = omitted == 1 ? omission.one : omission.other
        return template.render(.object(["omitted": .number(omitted)]))
    }

    /// The item's fields cleaned (see `Sanitizer.clean`), without those that clean to nothing.
    static func cleanedFields(_ fields: [String: String]) -> [String: String] {
        if fields.values.allSatisfy({ !$0.isEmpty && Sanitizer.isClean($0) }) { return fields }
        var cleaned: [String: String] = [:]
        cleaned.reserveCapacity(fields.count)
        for (name, value) in fields {
            let value = Sanitizer.clean(value)
            if !value.isEmpty { cleaned[name] = value }
        }
        return cleaned
    }
}
