extension BudgetReport {
    /// The report as a JSON value: the members of its `Encodable` form, for `json()` and for callers that
    /// embed the report in a larger object.
    public var prettyJSON: PrettyJSON {
        var members: [(key: String, value: PrettyJSON)] = [
            ("template", .string(template)), ("tokenizer", .string(tokenizer)), ("estimate", .bool(estimate)),
            ("budget", .integer(budget)), ("tokens", .integer(tokens)), ("headroom", .integer(headroom)),
            ("stable_tokens", .integer(stableTokens)), ("volatile_tokens", .integer(volatileTokens)),
            ("overflow_cut", .bool(overflowCut)), ("sections", .array(sections.map(\.prettyJSON))),
        ]
        if let notes { members.append(("notes", .array(notes.map(PrettyJSON.string)))) }
        return .object(members)
    }
}

extension SectionReport {
    /// The section's accounting as a JSON value: the members of its `Encodable` form.
    public var prettyJSON: PrettyJSON {
        .object([
            ("id", .string(id)), ("heading", .string(heading)), ("block", .string(block)),
            ("priority", .integer(priority)), ("floor", .integer(floor)), ("cap", .optional(cap, PrettyJSON.integer)),
            ("available", .integer(available)), ("kept", .integer(kept)),
            ("truncated", .array(truncated.map(PrettyJSON.string))),
            ("omitted", .object(OmissionReason.allCases.map { ($0.rawValue, .integer(omitted[$0] ?? 0)) })),
            ("note", .bool(note)), ("tokens", .integer(tokens)),
            ("omitted_items", .array(omittedItems.map {
                .object([("key", .string($0.key)), ("reason", .string($0.reason.rawValue))])
            })),
        ])
    }
}

extension PromptBlock {
    /// The block as a JSON value: the members of its `Encodable` form.
    public var prettyJSON: PrettyJSON {
        .object([("name", .string(name)), ("markdown", .string(markdown)), ("tokens", .integer(tokens))])
    }
}
