import Foundation
import SourceData

/// A `preference:`, `fact:` or `instruction:` entry of `user_context`.
public struct ContextEntry: Sendable, Hashable {
    /// The kind, named by the key's prefix.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case preference
        case fact
        case instruction
    }

    public var kind: Kind
    /// The whole key, e.g. `fact:coffee`.
    public var key: String
    public var value: String
    public var confidence: Double
    public var updatedAt: Date?

    /// The entries among `rows` with a non-empty value, ordered for `flavour`.
    ///
    /// `.v1` orders by key (code points). `.standard` orders by what a reader should see first when the
    /// budget binds: higher confidence first (missing counts as 1.0, the column default), then the most
    /// recently updated (missing last), then by key.
    public static func entries(in rows: [UserContextRow], flavour: TemplateFlavour) -> [ContextEntry] {
        let entries = rows.compactMap { row -> ContextEntry? in
            guard !row.value.isEmpty,
                  let kind = Kind.allCases.first(where: { row.key.hasPrefix($0.rawValue + ":") })
            else { return nil }
            return ContextEntry(kind: kind, key: row.key, value: row.value, confidence: row.confidence ?? 1,
                                updatedAt: row.updatedAt)
        }
        switch flavour {
        case .v1:
            return entries.sorted { TextOrder.precedes($0.key, $1.key) }
        case .standard:
            return entries.sorted(by: Self.standardOrder)
        }
    }

    private static func standardOrder(_ lhs: ContextEntry, _ rhs: ContextEntry) -> Bool {
        if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
        switch (lhs.updatedAt, rhs.updatedAt) {
        case let (left?, right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default: return TextOrder.precedes(lhs.key, rhs.key)
        }
    }
}
