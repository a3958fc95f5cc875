/// A section as the body sees it: its plan, its rendered items and its rendered note.
struct RenderedSection {
    let plan: SectionPlan
    /// The rendered items, in order.
    let lines: [ItemLine]
    let note: String?
    let omitted: Int
    /// Exact tokens of each item's line (`item + "\n"`), when known: lets counts reuse them (see `TokenTally`).
    let itemTokens: [Int]

    init(plan: SectionPlan, lines: [ItemLine], note: String?, omitted: Int, itemTokens: [Int] = []) {
        self.plan = plan
        self.lines = lines
        self.note = note
        self.omitted = omitted
        self.itemTokens = itemTokens
    }

    /// A section of items rendered as strings (checks and tests).
    init(plan: SectionPlan, items: [String], note: String?, omitted: Int) {
        self.init(plan: plan, lines: items.map(ItemLine.init), note: note, omitted: omitted)
    }
}

/// Why an item could not be rendered.
enum ItemRenderProblem: Error {
    /// The item's `kind` names no template of its section.
    case unknownKind(String?)
}

extension PromptTemplate {
    /// Renders the body around already rendered sections (in document order).
    ///
    /// `scratch`: buffers to reuse (see `RenderScratch`).
    func renderBody(_ sections: [RenderedSection], reference: Bool = false, scratch: RenderScratch? = nil) -> String {
        let context = bodyContext(sections)
        return reference ? body.renderWithReference(context) : body.render(context, scratch: scratch)
    }

    /// Renders the body around `sections` and splits off `prefix`: the text, and the text after `prefix` when
    /// the text begins with it byte for byte (nil otherwise).
    ///
    /// Only the bytes after the prefix are made a `String` (validated); the whole text is `prefix` joined
    /// with them, which copies without validating again.
    func renderBody(_ sections: [RenderedSection], after prefix: String, scratch: RenderScratch) -> (text: String, tail: String?) {
        guard let fast = body.fast else {
            let text = renderBody(sections, scratch: scratch)
            return (text, text.remainder(after: prefix))
        }
        fast.renderBytes(bodyContext(sections), textIsClean: false, scratch: scratch)
        var prefix = prefix
        let tail = scratch.bytes.withBytes { all in
            prefix.withUTF8 { head -> String? in
                guard all.starts(withBytesOf: head) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: all[head.count...]), as: UTF8.self)
            }
        }
        guard let tail else { return (scratch.bytes.string, nil) }
        return (prefix + tail, tail)
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

    /// `renderItem(_:reference:cleaned:)` given `fields["kind"]`, which the caller already looked up.
    func renderItem(
        _ fields: [String: String], kind: String?, reference: Bool = false, cleaned: Bool = false
    ) throws(ItemRenderProblem) -> String {
        let context = MustacheValue.fields(fields)
        let template = try itemTemplate(kind: kind)
        return reference ? template.renderWithReference(context) : template.render(context, textIsClean: cleaned)
    }

    /// The item as the allocator counts it: `renderItem` with its line break, as UTF-8.
    ///
    /// `kind`: `templateKind(of: fields)`.
    /// `scratch`: buffers to reuse (see `RenderScratch`).
    func renderItemLine(
        _ fields: [String: String], kind: String?, cleaned: Bool, scratch: RenderScratch
    ) throws(ItemRenderProblem) -> ItemLine {
        try itemTemplate(kind: kind).renderLine(.fields(fields), textIsClean: cleaned, scratch: scratch)
    }

    /// The item's `kind` when items choose their template by it; nil otherwise (one template ignores it).
    func templateKind(of fields: [String: String]) -> String? {
        choosesTemplateByKind ? fields.value(comparingKeysWith: "kind") : nil
    }

    /// True when items choose their template by their `kind` field.
    var choosesTemplateByKind: Bool {
        if case .byKind = itemTemplates { return true }
        return false
    }

    private func itemTemplate(kind: String?) throws(ItemRenderProblem) -> CompiledMustache {
        switch itemTemplates {
        case .single(let single):
            return single
        case .byKind(let templates):
            guard let kind, let found = templates.value(comparingKeysWith: kind) else { throw .unknownKind(kind) }
            return found
        }
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
