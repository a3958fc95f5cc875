import Foundation
import WireFormats

/// Writes a `Snapshot` in the snapshot file format, deterministically.
///
/// Keys appear in a fixed order (top level: `user_id`, `now`, then the tables; rows: their columns in
/// table order), nil columns are left out, timestamps are UTC RFC 3339 to the microsecond, UUIDs lower
/// case, jsonb objects with sorted keys. Decoding the output gives back an equal snapshot.
public enum SnapshotEncoder {
    /// The snapshot as JSON text, ending in a newline.
    public static func encode(_ snapshot: Snapshot) -> String {
        var writer = JSONWriter(style: .pretty, reservingCapacity: 4096)
        // Scalars first, then each table as an array of row objects with their columns in table order.
        writer.object { writer in
            writer.member("user_id", uuid(snapshot.userID))
            if let now = snapshot.now { writer.member("now", timestamp(now)) }
            writer.member(SnapshotTable.userContext.rawValue) { $0.array(snapshot.userContext.map(members), writeRow) }
            writer.member(SnapshotTable.deliverables.rawValue) { $0.array(snapshot.deliverables.map(members), writeRow) }
            writer.member(SnapshotTable.platformConnections.rawValue) { $0.array(snapshot.platformConnections.map(members), writeRow) }
            writer.member(SnapshotTable.chatSessions.rawValue) { $0.array(snapshot.chatSessions.map(members), writeRow) }
            writer.member(SnapshotTable.activityLog.rawValue) { $0.array(snapshot.activityLog.map(members), writeRow) }
        }
        return writer.text + "\n"
    }

    /// One column of a row: its name and value.
    private typealias Member = (key: String, value: JSONValue)

    /// Writes a row's present columns as an object, in the order given.
    private static func writeRow(_ writer: inout JSONWriter, _ columns: [Member]) {
        writer.object { writer in
            for (key, value) in columns { writer.member(key, value) }
        }
    }

    private static func uuid(_ id: UUID) -> JSONValue { .string(id.lowercasedString) }

    private static func timestamp(_ date: Date) -> JSONValue { .string(RFC3339.string(from: date)) }

    private static func number(_ value: Double) -> JSONValue {
        if value == value.rounded(), abs(value) < 1e15 { return .integer(Int64(value)) }
        return .number(value)
    }

    /// Appends `(key, value)` when `value` is present.
    private static func optional<Value>(_ key: String, _ value: Value?, _ transform: (Value) -> JSONValue)
        -> [Member]
    {
        value.map { [(key, transform($0))] } ?? []
    }

    private static func members(_ row: UserContextRow) -> [Member] {
        optional("id", row.id, uuid) + [("key", .string(row.key)), ("value", .string(row.value))]
            + optional("source", row.source, JSONValue.string) + optional("confidence", row.confidence, number)
            + optional("created_at", row.createdAt, timestamp) + optional("updated_at", row.updatedAt, timestamp)
    }

    private static func members(_ row: DeliverableRow) -> [Member] {
        [("id", uuid(row.id)), ("title", .string(row.title))] + optional("status", row.status, JSONValue.string)
            + [("schedule", row.schedule)] + optional("recipient_context", row.recipientContext) { $0 }
            + optional("next_run_at", row.nextRunAt, timestamp) + optional("updated_at", row.updatedAt, timestamp)
    }

    private static func members(_ row: PlatformConnectionRow) -> [Member] {
        optional("id", row.id, uuid) + [("platform", .string(row.platform))]
            + optional("status", row.status, JSONValue.string)
            + optional("last_synced_at", row.lastSyncedAt) { lastSync in
                switch lastSync {
                case .at(let date): timestamp(date)
                case .unparseable(let text): .string(text)
                }
            }
            + optional("settings", row.settings) { $0 }
    }

    private static func members(_ row: ChatSessionRow) -> [Member] {
        [("id", uuid(row.id)), ("created_at", timestamp(row.createdAt))]
            + optional("summary", row.summary, JSONValue.string)
    }

    private static func members(_ row: ActivityLogRow) -> [Member] {
        [("id", uuid(row.id))] + optional("event_type", row.eventType, JSONValue.string)
            + optional("event_ref", row.eventRef, uuid) + [("summary", .string(row.summary))]
            + optional("metadata", row.metadata) { $0 } + [("created_at", timestamp(row.createdAt))]
    }
}
