extension BudgetReport {
    /// The report as a JSON value: the members of its `Encodable` form, for `json()` and for callers that
    /// embed the report in a larger object.
    public var prettyJSON: PrettyJSON {
        // Members in key order, as they are written: `PrettyJSON` then need not sort them.
        var members: [(key: String, value: PrettyJSON)] = [
            ("budget", .integer(budget)), ("estimate", .bool(estimate)), ("headroom", .integer(headroom)),
        ]
        if let notes { members.append(("notes", .array(notes.map(PrettyJSON.string)))) }
        members += [
            ("overflow_cut", .bool(overflowCut)), ("sections", .array(sections.map(\.prettyJSON))),
            ("stable_tokens", .integer(stableTokens)), ("template", .string(template)),
            ("tokenizer", .string(tokenizer)), ("tokens", .integer(tokens)), ("volatile_tokens", .integer(volatileTokens)),
        ]
        return .object(members)
    }
}

extension SectionReport {
    /// The section's accounting as a JSON value: the members of its `Encodable` form.
    public var prettyJSON: PrettyJSON {
        // Members in key order (see `BudgetReport.prettyJSON`).
        .object([
            ("available", .integer(available)), ("block", .string(block)), ("cap", .optional(cap, PrettyJSON.integer)),
            ("floor", .integer(floor)), ("heading", .string(heading)), ("id", .string(id)), ("kept", .integer(kept)),
            ("note", .bool(note)),
            ("omitted", .object(Self.reasonsInKeyOrder.map { ($0.rawValue, .integer(omitted[$0] ?? 0)) })),
            ("omitted_items", .array(omittedItems.map {
                .object([("key", .string($0.key)), ("reason", .string($0.reason.rawValue))])
            })),
            ("priority", .integer(priority)), ("tokens", .integer(tokens)),
            ("truncated", .array(truncated.map(PrettyJSON.string))),
        ])
    }

    private static let reasonsInKeyOrder = OmissionReason.allCases.sorted { $0.rawValue < $1.rawValue }
}

extension PromptBlock {
    /// The block as a JSON value: the members of its `Encodable` form.
    public var prettyJSON: PrettyJSON {
        .object([("markdown", .string(markdown)), ("name", .string(name)), ("tokens", .integer(tokens))])
    }
}
