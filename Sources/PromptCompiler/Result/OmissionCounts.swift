/// How many of a section's items were left out, for each `OmissionReason`.
///
/// Read like the dictionary it replaces: `counts[.budget] ?? 0`. A reason that left nothing out reads as
/// nil, except `limit`, which is always present (0 when the caller excluded nothing). Four counters instead
/// of a dictionary: a report is made on every render, and hashing reasons into a dictionary per section cost
/// about 10,000 instructions a render.
public struct OmissionCounts: Sendable, Equatable {
    private var budget = 0
    private var cap = 0
    private var limit = 0
    private var empty = 0

    public init() {}

    /// The count for `reason`; nil when it left nothing out, except for `limit`.
    public subscript(reason: OmissionReason) -> Int? {
        let count = self[count: reason]
        return count > 0 || reason == .limit ? count : nil
    }

    /// Adds `count` items left out for `reason`.
    mutating func add(_ count: Int, for reason: OmissionReason) {
        self[count: reason] += count
    }

    private subscript(count reason: OmissionReason) -> Int {
        get {
            switch reason {
            case .budget: budget
            case .cap: cap
            case .limit: limit
            case .empty: empty
            }
        }
        set {
            switch reason {
            case .budget: budget = newValue
            case .cap: cap = newValue
            case .limit: limit = newValue
            case .empty: empty = newValue
            }
        }
    }
}
