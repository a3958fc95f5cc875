/// What changed from one rendered block to another: sections, items, tokens, and whether the stable block
/// (the cached prefix) changed and which source rows changed it.
///
/// `wm diff` prints it; `isEmpty` is its exit status (0 the same, 1 different).
public struct RenderingDiff: Sendable {
    /// How an item changed.
    public enum Change: String, Sendable {
        /// Shown in the new block only: new in the input, or no longer left out.
        case added
        /// Shown in the old block only, and gone from the new input.
        case removed
        /// Shown in the old block, left out of the new one (its reason says why).
        case dropped
        /// Shown whole before, cut with "…" now.
        case cut
        /// Shown in both, with another line (or shown cut before and whole now).
        case changed
    }

    /// One item that changed.
    public struct ItemChange: Sendable {
        public let section: String
        public let block: String
        public let key: String
        public let change: Change
        public let old: ComparedRendering.Item?
        public let new: ComparedRendering.Item?
        /// New tokens minus old (a line not shown counts 0).
        public var tokenDelta: Int { (new?.tokens ?? 0) - (old?.tokens ?? 0) }
    }

    /// A section whose tokens or items changed.
    public struct SectionChange: Sendable {
        public let id: String
        public let block: String
        public let oldTokens: Int
        public let newTokens: Int
        public let items: [ItemChange]
    }

    /// A source row that changed the stable block, and through which item.
    public struct Blame: Sendable {
        public let row: ComparedRendering.SourceRowRef
        public let section: String
        public let key: String
        public let change: Change
    }

    public let oldTokens: Int
    public let newTokens: Int
    /// Sections in the new block's document order (then sections only the old one has).
    public let sections: [SectionChange]
    public let oldStableSHA256: String
    public let newStableSHA256: String
    /// The rows whose items changed the stable block; empty when it did not change, or when only the
    /// template's own text or omission notes changed it (`stableChangedWithoutItems`).
    public let blame: [Blame]

    public var stableChanged: Bool { oldStableSHA256 != newStableSHA256 }
    /// True when the stable block changed but no item of it did (a note, a heading, the budget or template).
    public var stableChangedWithoutItems: Bool { stableChanged && blame.isEmpty }
    /// True when the markdown is the same and no item changed.
    public let isEmpty: Bool

    /// The difference from `old` to `new`.
    public init(from old: ComparedRendering, to new: ComparedRendering) {
        oldTokens = old.tokens
        newTokens = new.tokens
        oldStableSHA256 = old.stableSHA256
        newStableSHA256 = new.stableSHA256
        var ids = new.sections.map(\.id)
        for section in old.sections where !ids.contains(section.id) { ids.append(section.id) }
        var sections: [SectionChange] = []
        for id in ids {
            let before = old.sections.first { $0.id == id }
            let after = new.sections.first { $0.id == id }
            let block = after?.block ?? before?.block ?? "volatile"
            let changes = Self.itemChanges(section: id, block: block, old: before?.items ?? [], new: after?.items ?? [])
            let oldTokens = before?.tokens ?? 0
            let newTokens = after?.tokens ?? 0
            if !changes.isEmpty || oldTokens != newTokens {
                sections.append(SectionChange(id: id, block: block, oldTokens: oldTokens, newTokens: newTokens, items: changes))
            }
        }
        self.sections = sections
        var blame: [Blame] = []
        if old.stableSHA256 != new.stableSHA256 {
            for section in sections where section.block == "stable" {
                for item in section.items {
                    let rows = (item.new?.sources.isEmpty == false ? item.new?.sources : item.old?.sources) ?? []
                    for row in rows {
                        blame.append(Blame(row: row, section: section.id, key: item.key, change: item.change))
                    }
                }
            }
        }
        self.blame = blame
        isEmpty = old.markdown == new.markdown && sections.allSatisfy { $0.items.isEmpty }
    }

    private static func itemChanges(section: String, block: String, old: [ComparedRendering.Item],
                                    new: [ComparedRendering.Item]) -> [ItemChange] {
        var changes: [ItemChange] = []
        let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.map(\.key))
        func change(_ key: String, _ kind: Change, _ before: ComparedRendering.Item?, _ after: ComparedRendering.Item?) {
            changes.append(ItemChange(section: section, block: block, key: key, change: kind, old: before, new: after))
        }
        for item in new {
            let before = oldByKey[item.key]
            let wasShown = before.map { $0.line != nil } ?? false
            let isShown = item.line != nil
            switch (wasShown, isShown) {
            case (false, true):
                change(item.key, .added, before, item)
            case (true, false):
                change(item.key, .dropped, before, item)
            case (true, true):
                if before?.status == .shown, item.status == .truncated {
                    change(item.key, .cut, before, item)
                } else if before?.line != item.line || before?.sources != item.sources {
                    change(item.key, .changed, before, item)
                }
            case (false, false):
                continue
            }
        }
        for item in old where !newKeys.contains(item.key) && item.line != nil {
            change(item.key, .removed, item, nil)
        }
        return changes
    }
}
