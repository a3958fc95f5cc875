import PromptCompiler

/// A rule by which a section's items were cut: the budget report's omission reasons, and truncation.
///
/// `budget`, `cap` and `truncated` are the compiler's cuts; `limit` is the caller's own (a lookback, a
/// maximum count) before compiling. The raw values are the JSON keys and the table's column names.
public enum CutRule: String, Sendable, CaseIterable {
    /// The global budget ran out before the item's turn (`OmissionReason.budget`).
    case budget
    /// The section's cap was reached (`OmissionReason.cap`).
    case cap
    /// An item was shown cut, ending in "…" (`SectionReport.truncated`).
    case truncated
    /// The caller's own lookback or maximum count excluded items (`OmissionReason.limit`).
    case limit

    /// What the rule means, in a few words, for a reader of the report.
    public var meaning: String {
        switch self {
        case .budget: "the budget ran out before the item's turn"
        case .cap: "the section's cap was reached"
        case .truncated: "an item was shown cut with \u{2026}"
        case .limit: "the caller's lookback or maximum count left items out"
        }
    }
}

/// For one section, how many users had items cut by each `CutRule`.
///
/// A user whose section was cut by two rules counts once under each. Encodes as an object keyed by the rules'
/// raw values.
public struct SectionCutCounts: Sendable, Equatable, Encodable {
    public private(set) var budget = 0
    public private(set) var cap = 0
    public private(set) var truncated = 0
    public private(set) var limit = 0

    public init() {}

    /// Users cut by `rule`.
    public subscript(rule: CutRule) -> Int {
        switch rule {
        case .budget: budget
        case .cap: cap
        case .truncated: truncated
        case .limit: limit
        }
    }

    /// Counts one user's report of this section under every rule that cut it.
    mutating func count(_ section: SectionReport) {
        if (section.omitted[.budget] ?? 0) > 0 { budget += 1 }
        if (section.omitted[.cap] ?? 0) > 0 { cap += 1 }
        if !section.truncated.isEmpty { truncated += 1 }
        if (section.omitted[.limit] ?? 0) > 0 { limit += 1 }
    }
}
