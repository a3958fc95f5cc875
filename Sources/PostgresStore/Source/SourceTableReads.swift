import Foundation
import SourceData
import WireFormats

/// The read of one snapshot table: its statement and how its rows become the snapshot's rows.
///
/// Each statement returns plain columns in a fixed order (no JSON is built on the server), in the order the
/// snapshot file keeps its rows. Columns are decoded by position, from PostgreSQL's text format, with the
/// same parsers the snapshot file uses (`RFC3339` instants, `JSONValue` for jsonb), so a snapshot read from
/// the database and one read from the file `wm snapshot` wrote are equal. Every statement also returns the
/// row's `user_id`, last, so that `requireOwner` can check each row belongs to the requested user before any
/// is decoded (fail closed).
struct SourceTableRead {
    let table: SnapshotTable

    /// The parameter placeholders a statement refers to.
    struct Placeholders {
        var user: String
        var conversationsSince: String
        var activitySince: String
    }

    /// The statement, with `$1` the user and the windows' starts where `placeholders` put them.
    func select(_ p: Placeholders) -> String {
        switch table {
        case .userContext:
            return """
                SELECT id, key, value, source, confidence, created_at, updated_at, user_id
                FROM user_context WHERE user_id = \(p.user)::uuid ORDER BY key
                """
        case .deliverables:
            return """
                SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at, user_id
                FROM deliverables WHERE user_id = \(p.user)::uuid AND status = 'active' ORDER BY updated_at DESC, id
                """
        case .platformConnections:
            return """
                SELECT id, platform, status, last_synced_at, settings, user_id
                FROM platform_connections WHERE user_id = \(p.user)::uuid ORDER BY platform
                """
        case .chatSessions:
            return """
                SELECT id, created_at, summary, user_id FROM chat_sessions
                WHERE user_id = \(p.user)::uuid AND summary IS NOT NULL AND created_at >= \(p.conversationsSince)::timestamptz
                ORDER BY created_at DESC, id
                """
        case .activityLog:
            return """
                SELECT id, summary, created_at, user_id FROM activity_log
                WHERE user_id = \(p.user)::uuid AND created_at >= \(p.activitySince)::timestamptz
                ORDER BY created_at DESC, id
                """
        }
    }

    /// The position of `user_id`, the last column of `select`'s statement.
    var userColumn: Int {
        switch table {
        case .userContext, .deliverables: 7
        case .platformConnections: 5
        case .chatSessions, .activityLog: 3
        }
    }

    /// Checks that every row of `result` belongs to the requested user: its `user_id` is `owner`, the user's
    /// id as PostgreSQL prints a uuid (`Array(user.lowercasedString.utf8)`, made once per read), compared
    /// byte for byte (one 36-byte `memcmp` per row, no `String` made).
    ///
    /// - Throws: `SourceError.rowOfAnotherUser` naming the table and the first row whose `user_id` is another
    ///   user's, NULL or missing. The caller fails the whole read: such a row must never render, and must not
    ///   turn into a failed source either (the other tables' rows came through the same database).
    func requireOwner(_ owner: [UInt8], of result: PostgresRows) throws(SourceError) {
        guard let row = result.firstRow(whereColumn: userColumn, isNot: owner) else { return }
        let id = result.withUTF8(row: row, column: 0) { UUID(canonicalUTF8: $0) } ?? nil
        throw .rowOfAnotherUser(table: table, row: id)
    }

    /// Stores the rows of this table's result in `snapshot`.
    ///
    /// - Throws: `PostgresError` of kind `decodingFailed` naming the column when a value is not what the
    ///   schema promises (a changed schema, say): the table is then reported as a failed source.
    func decode(_ result: PostgresRows, into snapshot: inout Snapshot) throws(PostgresError) {
        func rows<Row>(_ make: (PositionalRow) throws(PostgresError) -> Row) throws(PostgresError) -> [Row] {
            var made: [Row] = []
            made.reserveCapacity(result.count)
            for index in 0..<result.count {
                made.append(try make(PositionalRow(rows: result, row: index, table: table)))
            }
            return made
        }
        switch table {
        case .userContext:
            snapshot.userContext = try rows { row throws(PostgresError) in
                UserContextRow(
                    id: try row.uuid(0), key: try row.required(row.text(1), 1), value: try row.required(row.text(2), 2),
                    source: row.text(3), confidence: try row.double(4),
                    createdAt: try row.instant(5), updatedAt: try row.instant(6))
            }
        case .deliverables:
            snapshot.deliverables = try rows { row throws(PostgresError) in
                DeliverableRow(
                    id: try row.required(row.uuid(0), 0), title: try row.required(row.text(1), 1), status: row.text(2),
                    schedule: try row.required(row.json(3), 3), recipientContext: try row.json(4),
                    nextRunAt: try row.instant(5), updatedAt: try row.instant(6))
            }
        case .platformConnections:
            snapshot.platformConnections = try rows { row throws(PostgresError) in
                PlatformConnectionRow(
                    id: try row.uuid(0), platform: try row.required(row.text(1), 1), status: row.text(2),
                    lastSyncedAt: try row.instant(3).map(LastSync.at), settings: try row.json(4))
            }
        case .chatSessions:
            snapshot.chatSessions = try rows { row throws(PostgresError) in
                ChatSessionRow(
                    id: try row.required(row.uuid(0), 0), createdAt: try row.required(row.instant(1), 1),
                    summary: row.text(2))
            }
        case .activityLog:
            snapshot.activityLog = try rows { row throws(PostgresError) in
                ActivityLogRow(
                    id: try row.required(row.uuid(0), 0), summary: try row.required(row.text(1), 1),
                    createdAt: try row.required(row.instant(2), 2))
            }
        }
    }
}

/// One result row read by column position; a value that does not parse is an error naming its column.
///
/// uuid and timestamptz values are parsed from the row's bytes, with no `String` made for them.
private struct PositionalRow {
    let rows: PostgresRows
    let row: Int
    let table: SnapshotTable

    func text(_ index: Int) -> String? {
        rows.text(row: row, column: index)
    }

    func uuid(_ index: Int) throws(PostgresError) -> UUID? {
        try parseBytes(index, as: "uuid") { UUID(canonicalUTF8: $0) }
    }

    func double(_ index: Int) throws(PostgresError) -> Double? {
        try parse(index, as: "double precision") { Double($0) }
    }

    func instant(_ index: Int) throws(PostgresError) -> Date? {
        try parseBytes(index, as: "timestamptz") { PostgresTimestamp.parse($0) }
    }

    func json(_ index: Int) throws(PostgresError) -> JSONValue? {
        try parse(index, as: "jsonb") { try? JSONValue.parse($0) }
    }

    /// `value`, or an error when the column is NULL (or missing) although the snapshot requires it.
    func required<Value>(_ value: Value?, _ index: Int) throws(PostgresError) -> Value {
        guard let value else {
            throw PostgresError(.decodingFailed, message: "\(table.rawValue).\(name(index)) is NULL or missing")
        }
        return value
    }

    private func parse<Value>(_ index: Int, as type: String, _ make: (String) -> Value?) throws(PostgresError) -> Value? {
        guard let text = text(index) else { return nil }
        guard let value = make(text) else {
            throw PostgresError(.decodingFailed, message: "\(table.rawValue).\(name(index)) is not a valid \(type)")
        }
        return value
    }

    private func parseBytes<Value>(
        _ index: Int, as type: String, _ make: (UnsafeBufferPointer<UInt8>) -> Value?
    ) throws(PostgresError) -> Value? {
        guard let parsed = rows.withUTF8(row: row, column: index, make) else { return nil }
        guard let value = parsed else {
            throw PostgresError(.decodingFailed, message: "\(table.rawValue).\(name(index)) is not a valid \(type)")
        }
        return value
    }

    private func name(_ index: Int) -> String {
        index < rows.columns.count ? rows.columns[index] : "column \(index + 1)"
    }
}
