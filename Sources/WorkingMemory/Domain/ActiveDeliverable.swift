import Foundation
import SourceData
import WireFormats

/// An active deliverable as the prompt lists it: title, how often, and for whom.
public struct ActiveDeliverable: Sendable, Hashable {
    public var id: UUID
    public var title: String
    /// `schedule.frequency`, or `unknown`.
    public var frequency: String
    /// `recipient_context.name`, or `unspecified`.
    public var recipient: String

    /// The deliverables with status `active`, newest `updated_at` first (missing last, ties by id), at most
    /// `settings.maxDeliverables`; the other active ones are counted as excluded by the limit.
    public static func select(from rows: [DeliverableRow], settings: BuilderSettings) -> LimitedSelection<ActiveDeliverable> {
        let active = rows.filter { $0.status == "active" }.sorted(by: newestFirst)
        let listed = active.map { row in
            ActiveDeliverable(id: row.id, title: row.title, frequency: text(of: row.schedule["frequency"]) ?? "unknown",
                              recipient: text(of: row.recipientContext?["name"]) ?? "unspecified")
        }
        return .first(settings.maxDeliverables, of: listed)
    }

    private static func newestFirst(_ lhs: DeliverableRow, _ rhs: DeliverableRow) -> Bool {
        switch (lhs.updatedAt, rhs.updatedAt) {
        case let (left?, right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default: return UUIDOrder.precedes(lhs.id, rhs.id)
        }
    }

    /// A scalar jsonb value as text; nil for absent, null, empty, objects and arrays.
    private static func text(of value: JSONValue?) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty: text
        case .integer(let number)?: String(number)
        case .number(let number)?: number.description
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }
}

/// Orders UUIDs by their lower-case text, the tie-breaker everywhere two rows share a timestamp.
///
/// That order is the order of the 16 bytes (hex digits sort as their values), which is also how PostgreSQL
/// orders `uuid` values; comparing bytes avoids formatting two strings per comparison.
enum UUIDOrder {
    static func precedes(_ lhs: UUID, _ rhs: UUID) -> Bool {
        withUnsafeBytes(of: lhs.uuid) { left in
            withUnsafeBytes(of: rhs.uuid) { right in left.lexicographicallyPrecedes(right) }
        }
    }
}
