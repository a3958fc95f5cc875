/// The budget report: for each section what was available, kept, truncated and left out and why.
public struct BudgetReport: Sendable, Encodable {
    public let template: String
    public let tokenizer: String
    /// True when the counter estimates rather than counts exactly.
    public let estimate: Bool
    public let budget: Int
    /// Exact tokens of the whole rendered prompt.
    public let tokens: Int
    /// `budget - tokens`, never negative.
    public let headroom: Int
    public let stableTokens: Int
    public let volatileTokens: Int
    /// True when required content did not fit and the explicit overflow mode cut it, adding the marker.
    public let overflowCut: Bool
    public let sections: [SectionReport]
    /// What the caller wants a reader to know about how the input was made (e.g. an invalid time zone, a
    /// data source that failed); nil from the compiler itself, and left out of the JSON then. See `noting(_:)`.
    public private(set) var notes: [String]?
    /// Whether a model's prompt cache can hold the prefix up to the cache breakpoint; nil unless the caller
    /// named a model (left out of the JSON then). See `addingCache(_:)`.
    public private(set) var cache: CacheReport?

    /// This report with `notes` appended (unchanged when `notes` is empty).
    public func noting(_ notes: [String]) -> BudgetReport {
        guard !notes.isEmpty else { return self }
        var copy = self
        copy.notes = (copy.notes ?? []) + notes
        return copy
    }

    /// This report with its `cache` section.
    public func addingCache(_ cache: CacheReport) -> BudgetReport {
        var copy = self
        copy.cache = cache
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case template, tokenizer, estimate, budget, tokens, headroom, sections, notes, cache
        case stableTokens = "stable_tokens"
        case volatileTokens = "volatile_tokens"
        case overflowCut = "overflow_cut"
    }
}

/// The accounting of one section.
public struct SectionReport: Sendable, Encodable {
    public let id: String
    public let heading: String
    /// `stable` or `volatile`.
    public let block: String
    public let priority: Int
    public let floor: Int
    public let cap: Int?
    /// Items given in the input (not counting those the caller excluded by its limits).
    public let available: Int
    /// Items shown, whole or truncated.
    public let kept: Int
    /// Keys of the items shown truncated.
    public let truncated: [String]
    /// How many items were left out, by reason (`limit` = the caller's own exclusions).
    public let omitted: OmissionCounts
    /// Whether the omission note is shown.
    public let note: Bool
    /// The section's tokens as the allocator counted them: heading, items and note, each counted exactly.
    public let tokens: Int

    let items: [PromptItem]
    let explicitOmissions: [(index: Int, reason: OmissionReason)]
    let tail: (from: Int, reason: OmissionReason)?
    /// The section's rendered candidates: the first `keptWhole` were kept whole (see `shownItems`).
    let rendered: [Candidate]
    let keptWhole: Int
    let cutCandidate: Candidate?
    let plan: SectionPlan?

    /// The items shown, in the order of their lines: key, line, tokens, and whether it was cut.
    ///
    /// Made on request from what the render kept (nothing is added to the render's own work). A heading-only
    /// item (v1's `profile:heading`) keeps the heading and adds no line, so it is not listed.
    public var shownItems: [ShownItem] {
        var shown = rendered.prefix(keptWhole).filter(\.addsLine).map { candidate in
            ShownItem(key: items[candidate.index].key, index: candidate.index, line: candidate.line.string, tokens: candidate.tokens,
                      truncated: false)
        }
        if let cut = cutCandidate {
            shown.append(ShownItem(key: items[cut.index].key, index: cut.index, line: cut.line.string, tokens: cut.tokens, truncated: true))
        }
        return shown
    }

    /// The omission note's line as shown, or nil when the section shows none.
    public var noteLine: String? {
        guard note, let plan else { return nil }
        return plan.renderNote(omitted: (omitted[.budget] ?? 0) + (omitted[.cap] ?? 0) + (omitted[.limit] ?? 0))
    }

    /// The keys of every item the input gave, in input order.
    public var allKeys: [String] { items.map(\.key) }

    /// Every item left out by the compiler, with its key and reason, in input order.
    public var omittedItems: [OmittedItem] {
        var result = explicitOmissions.map { OmittedItem(key: items[$0.index].key, reason: $0.reason) }
        if let tail {
            let explicit = Set(explicitOmissions.map(\.index))
            for index in tail.from..<items.count where !explicit.contains(index) {
                result.append(OmittedItem(key: items[index].key, reason: tail.reason))
            }
        }
        return result
    }

    enum CodingKeys: String, CodingKey {
        case id, heading, block, priority, floor, cap, available, kept, truncated, omitted, note, tokens
        case omittedItems = "omitted_items"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(heading, forKey: .heading)
        try container.encode(block, forKey: .block)
        try container.encode(priority, forKey: .priority)
        try container.encode(floor, forKey: .floor)
        try container.encode(cap, forKey: .cap)
        try container.encode(available, forKey: .available)
        try container.encode(kept, forKey: .kept)
        try container.encode(truncated, forKey: .truncated)
        var counts: [String: Int] = [:]
        for reason in OmissionReason.allCases { counts[reason.rawValue] = omitted[reason] ?? 0 }
        try container.encode(counts, forKey: .omitted)
        try container.encode(note, forKey: .note)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(omittedItems, forKey: .omittedItems)
    }
}

/// An item shown in a section: its key, its line as rendered, and that line's tokens (`line + "\n"`).
public struct ShownItem: Sendable, Equatable {
    public let key: String
    /// The item's position in the section's input items.
    public let index: Int
    /// The item's markdown line, without the line break.
    public let line: String
    public let tokens: Int
    /// True when the item is shown cut at a word boundary with "…".
    public let truncated: Bool

    public init(key: String, index: Int, line: String, tokens: Int, truncated: Bool) {
        self.key = key
        self.index = index
        self.line = line
        self.tokens = tokens
        self.truncated = truncated
    }
}

/// An item left out, by key.
public struct OmittedItem: Sendable, Equatable, Encodable {
    public let key: String
    public let reason: OmissionReason

    public init(key: String, reason: OmissionReason) {
        self.key = key
        self.reason = reason
    }
}
