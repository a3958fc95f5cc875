import Foundation
import WireFormats

/// Reads the snapshot file format (JSON) into a `Snapshot`, or throws a `SnapshotError` naming the path.
///
/// Rules: the top level is an object with `user_id` (UUID), optional `now` (RFC 3339) and the table
/// arrays; any other top-level key is an error. A missing array is empty. Rows may omit `user_id`
/// (when present it must be the snapshot's), nullable columns and unread columns; unknown row members
/// are ignored (a database row has more columns than the builder reads). Keys of `user_context`,
/// platforms of `platform_connections` and every `id` must be unique in their table.
public enum SnapshotDecoder {
    /// The top-level keys of the format, in the order `SnapshotEncoder` writes them.
    public static let topLevelKeys = ["user_id", "now"] + SnapshotTable.allCases.map(\.rawValue)

    /// Decodes a snapshot from JSON text.
    public static func decode(_ data: Data) throws(SnapshotError) -> Snapshot {
        let document: JSONValue
        do {
            document = try JSONParser.parse(Array(data))
        } catch {
            throw SnapshotError(at: .root, .invalidJSON(error.description))
        }
        return try decode(document)
    }

    /// Decodes a snapshot from an already parsed JSON value.
    public static func decode(_ document: JSONValue) throws(SnapshotError) -> Snapshot {
        let top = try JSONObjectReader(document, at: .root)
        for key in top.members.keys.sorted() where !topLevelKeys.contains(key) {
            throw SnapshotError(at: JSONPath.root.appending(key), .unknownKey)
        }
        let userID = try top.requiredUUID("user_id")
        var snapshot = Snapshot(userID: userID, now: try top.optionalTimestamp("now"))
        let rows = RowsReader(top: top, userID: userID)
        snapshot.userContext = try rows.read(.userContext, unique: "key", id: \.id, Self.userContextRow)
        snapshot.deliverables = try rows.read(.deliverables, unique: nil, id: \.id, Self.deliverableRow)
        snapshot.platformConnections = try rows.read(.platformConnections, unique: "platform", id: \.id, Self.platformRow)
        snapshot.chatSessions = try rows.read(.chatSessions, unique: nil, id: \.id, Self.chatSessionRow)
        snapshot.activityLog = try rows.read(.activityLog, unique: nil, id: \.id, Self.activityRow)
        return snapshot
    }

    private static func userContextRow(_ row: JSONObjectReader) throws(SnapshotError) -> UserContextRow {
        let confidence = try row.optionalNumber("confidence")
        if let confidence, !(0...1).contains(confidence) {
            throw SnapshotError(at: row.path.appending("confidence"), .outOfRange("\(confidence) is not within 0...1"))
        }
        return UserContextRow(
            id: try row.optionalUUID("id"), key: try row.requiredString("key"), value: try row.requiredString("value"),
            source: try row.optionalString("source"), confidence: confidence,
            createdAt: try row.optionalTimestamp("created_at"), updatedAt: try row.optionalTimestamp("updated_at"))
    }

    private static func deliverableRow(_ row: JSONObjectReader) throws(SnapshotError) -> DeliverableRow {
        DeliverableRow(
            id: try row.requiredUUID("id"), title: try row.requiredString("title"),
            status: try row.optionalString("status"), schedule: try row.requiredValue("schedule"),
            recipientContext: row.optionalValue("recipient_context"),
            nextRunAt: try row.optionalTimestamp("next_run_at"), updatedAt: try row.optionalTimestamp("updated_at"))
    }

    private static func platformRow(_ row: JSONObjectReader) throws(SnapshotError) -> PlatformConnectionRow {
        let lastSync: LastSync? = try row.optionalString("last_synced_at").map { text in
            RFC3339.date(from: text).map(LastSync.at) ?? .unparseable(text)
        }
        return PlatformConnectionRow(
            id: try row.optionalUUID("id"), platform: try row.requiredString("platform"),
            status: try row.optionalString("status"), lastSyncedAt: lastSync, settings: row.optionalValue("settings"))
    }

    private static func chatSessionRow(_ row: JSONObjectReader) throws(SnapshotError) -> ChatSessionRow {
        ChatSessionRow(
            id: try row.requiredUUID("id"), createdAt: try row.requiredTimestamp("created_at"),
            summary: try row.optionalString("summary"))
    }

    private static func activityRow(_ row: JSONObjectReader) throws(SnapshotError) -> ActivityLogRow {
        ActivityLogRow(
            id: try row.requiredUUID("id"), eventType: try row.optionalString("event_type"),
            eventRef: try row.optionalUUID("event_ref"), summary: try row.requiredString("summary"),
            metadata: row.optionalValue("metadata"), createdAt: try row.requiredTimestamp("created_at"))
    }

    /// The parser's explanation of why the text is not JSON, without Swift type names.
}

/// Reads the table arrays of a snapshot, checking row ownership and uniqueness.
private struct RowsReader {
    let top: JSONObjectReader
    let userID: UUID

    /// The rows of `table`, made by `makeRow`; `id` reads back the id `makeRow` parsed (every id is unique),
    /// `uniqueKey` names the table's other unique column, if any.
    func read<Row>(
        _ table: SnapshotTable, unique uniqueKey: String?, id: (Row) -> UUID?,
        _ makeRow: (JSONObjectReader) throws(SnapshotError) -> Row
    ) throws(SnapshotError) -> [Row] {
        let path = top.path.appending(table.rawValue)
        guard let value = top.members[table.rawValue] else { return [] }
        guard case .array(let elements) = value else {
            throw SnapshotError(at: path, .wrongType(expected: "array", found: value.typeName))
        }
        var seen = UniqueValues()
        var rows: [Row] = []
        rows.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let row = try JSONObjectReader(element, at: path.appending(index))
            if let owner = try row.optionalUUID("user_id"), owner != userID {
                throw SnapshotError(at: row.path.appending("user_id"), .otherUser(owner.lowercasedString))
            }
            let made = try makeRow(row)
            rows.append(made)
            // Ids compare as UUIDs (any case); other unique columns by their bytes.
            if let id = id(made) {
                try seen.insert(id: id, row: index, in: path, column: "id")
            }
            if let uniqueKey, case .string(let text)? = row.members[uniqueKey] {
                try seen.insert(text, row: index, in: path, column: uniqueKey)
            }
        }
        return rows
    }
}

/// Values already seen in a table's unique columns: ids as UUIDs, other values by their UTF-8 bytes, as the
/// database compares them. Remembers the row of each first occurrence, for the error message.
private struct UniqueValues {
    private var ids: [UUID: Int] = [:]
    private var values: [UTF8Key: Int] = [:]

    /// Records the id `id` of row `row` of the table at `table`, or throws when it was seen before.
    mutating func insert(id: UUID, row: Int, in table: JSONPath, column: String) throws(SnapshotError) {
        if let first = ids.updateValue(row, forKey: id) {
            throw Self.duplicate(id.lowercasedString, row: row, first: first, in: table, column: column)
        }
    }

    /// Records `value` of the table's other unique column in row `row`, or throws when it was seen before.
    mutating func insert(_ value: String, row: Int, in table: JSONPath, column: String) throws(SnapshotError) {
        if let first = values.updateValue(row, forKey: UTF8Key(value)) {
            throw Self.duplicate(value, row: row, first: first, in: table, column: column)
        }
    }

    private static func duplicate(_ value: String, row: Int, first: Int, in table: JSONPath, column: String) -> SnapshotError {
        SnapshotError(
            at: table.appending(row).appending(column),
            .duplicate(value, firstAt: table.appending(first).appending(column).description))
    }
}

/// A string that compares and hashes by its UTF-8 bytes, as PostgreSQL compares text: canonically equivalent
/// but differently encoded strings (a composed and a decomposed "é") are different keys, unlike `String`.
private struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
