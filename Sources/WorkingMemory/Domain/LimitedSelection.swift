/// Items a rule selected, and how many eligible items its limits (count, lookback) left out.
public struct LimitedSelection<Item: Sendable & Hashable>: Sendable, Hashable {
    public var items: [Item]
    public var excludedByLimit: Int

    public init(items: [Item], excludedByLimit: Int) {
        self.items = items
        self.excludedByLimit = excludedByLimit
    }

    /// The first `limit` of `ordered`, counting the rest plus `alreadyExcluded` as excluded.
    static func first(_ limit: Int, of ordered: [Item], alreadyExcluded: Int = 0) -> LimitedSelection {
        let kept = Array(ordered.prefix(max(0, limit)))
        return LimitedSelection(items: kept, excludedByLimit: alreadyExcluded + ordered.count - kept.count)
    }
}
