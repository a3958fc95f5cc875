import Foundation
import WorkingMemory

/// Reads one user's working-memory data from PostgreSQL in one round trip.
///
/// The common path is one prepared statement that returns every table as a JSON column. When that statement
/// fails (a missing privilege, a missing table), the five reads are sent again as one pipeline, each with its
/// own sync point, so the table that fails leaves only its own array empty and is named in `failedSources`;
/// the others still render. A statement timeout or a broken connection throws, and so does a user id that is
/// not in `auth.users` (`SourceError.noSuchUser`: a mistyped id must not render as an empty block).
///
/// Each table comes back as the JSON of the snapshot file format and is decoded by the same `SnapshotDecoder`,
/// so rendering from the database and from `wm snapshot`'s file gives the same bytes. Chat sessions and
/// activity are read inside the builder's lookback windows only (what the prompt can show); deliverables
/// only when active. Older or inactive rows are neither read nor counted. Activity rows carry only `id`,
/// `summary` and `created_at` (what the prompt shows): the index of migration 004 covers them, so the read
/// is an index-only scan and never visits one heap page per event.
public struct PostgresWorkingMemorySource: WorkingMemorySource {
    public let connection: PostgresConnection
    public let settings: BuilderSettings

    public init(connection: PostgresConnection, settings: BuilderSettings = .reference) {
        self.connection = connection
        self.settings = settings
    }

    /// The user's snapshot as of `now`; throws only when nothing usable can be read.
    public func fetch(user: UUID, now: Date) async throws -> SourceResult {
        try fetchNow(user: user, now: now)
    }

    /// The synchronous form of `fetch`, for callers that are not async.
    ///
    /// - Throws: `SourceError.noSuchUser`, or `PostgresError` when the database fails as a whole.
    public func fetchNow(user: UUID, now: Date) throws -> SourceResult {
        let rows: PostgresRows
        switch Result(catching: { () throws(PostgresError) in try connection.query(combinedQuery(user: user, now: now)) }) {
        case .success(let result):
            rows = result
        case .failure(let error) where error.kind == .statementFailed:
            return try fetchTableByTable(user: user, now: now)
        case .failure(let error):
            throw error
        }
        guard try rows.rows.first?.decode(Bool.self, "known_user") == true else { throw SourceError.noSuchUser(user) }
        var snapshot = Snapshot(userID: user)
        var failed: [FailedSource] = []
        for table in SnapshotTable.allCases {
            do {
                let json = try rows.rows.first?.decode(String.self, table.rawValue) ?? "[]"
                try Self.decode(json, into: &snapshot, table: table)
            } catch {
                failed.append(FailedSource(table: table, reason: "\(error)"))
            }
        }
        return SourceResult(snapshot: snapshot, failedSources: failed)
    }

    /// The five reads as one pipeline, one sync point each: finds out which table failed.
    func fetchTableByTable(user: UUID, now: Date) throws -> SourceResult {
        let tables = SnapshotTable.allCases
        let known: PostgresQuery = "SELECT EXISTS (SELECT 1 FROM auth.users WHERE id = \(user)) AS known_user"
        let all = try connection.pipeline([known] + tables.map { query(for: $0, user: user, now: now) })
        // When auth.users itself cannot be read, the user cannot be checked; the tables still can.
        let knownRows = try? all[0].get()
        if let knownRows, try knownRows.rows.first?.decode(Bool.self, "known_user") == false {
            throw SourceError.noSuchUser(user)
        }
        let outcomes = all.dropFirst()
        var snapshot = Snapshot(userID: user)
        var failed: [FailedSource] = []
        for (table, outcome) in zip(tables, outcomes) {
            do {
                let json = try outcome.get().rows.first?.decode(String.self, "rows") ?? "[]"
                try Self.decode(json, into: &snapshot, table: table)
            } catch {
                failed.append(FailedSource(table: table, reason: "\(error)"))
            }
        }
        return SourceResult(snapshot: snapshot, failedSources: failed)
    }

    /// Every table as one JSON column, in one statement: `$1` the user, `$2` and `$3` the starts of the
    /// conversation and activity windows.
    func combinedQuery(user: UUID, now: Date) -> PostgresQuery {
        let placeholders = Placeholders(user: "$1", conversationsSince: "$2", activitySince: "$3")
        let columns = ["EXISTS (SELECT 1 FROM auth.users WHERE id = $1::uuid) AS known_user"]
            + SnapshotTable.allCases.map { "(\(Self.select($0, placeholders))) AS \($0.rawValue)" }
        let binds = [
            PostgresBind(user),
            PostgresBind(now.addingTimeInterval(-settings.conversationLookback)),
            PostgresBind(now.addingTimeInterval(-settings.activityLookback)),
        ]
        return PostgresQuery(sql: "SELECT " + columns.joined(separator: ",\n       "), binds: binds)
            .prepared(as: "wm_source_all")
    }

    /// One table's read on its own, binding only what it uses.
    func query(for table: SnapshotTable, user: UUID, now: Date) -> PostgresQuery {
        var binds = [PostgresBind(user)]
        var placeholders = Placeholders(user: "$1", conversationsSince: "NULL", activitySince: "NULL")
        switch table {
        case .chatSessions:
            binds.append(PostgresBind(now.addingTimeInterval(-settings.conversationLookback)))
            placeholders.conversationsSince = "$2"
        case .activityLog:
            binds.append(PostgresBind(now.addingTimeInterval(-settings.activityLookback)))
            placeholders.activitySince = "$2"
        case .userContext, .deliverables, .platformConnections:
            break
        }
        return PostgresQuery(sql: Self.select(table, placeholders), binds: binds).prepared(as: "wm_source_" + table.rawValue)
    }

    /// The parameter placeholders a table's read refers to.
    struct Placeholders {
        var user: String
        var conversationsSince: String
        var activitySince: String
    }

    /// One table's rows as a JSON array in the snapshot format.
    static func select(_ table: SnapshotTable, _ p: Placeholders) -> String {
        switch table {
        case .userContext:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.key), '[]')::text AS rows FROM (
                    SELECT id, key, value, source, confidence, created_at, updated_at
                    FROM user_context WHERE user_id = \(p.user)::uuid) t
                """
        case .deliverables:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.updated_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at
                    FROM deliverables WHERE user_id = \(p.user)::uuid AND status = 'active') t
                """
        case .platformConnections:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.platform), '[]')::text AS rows FROM (
                    SELECT id, platform, status, last_synced_at, settings
                    FROM platform_connections WHERE user_id = \(p.user)::uuid) t
                """
        case .chatSessions:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, created_at, summary FROM chat_sessions
                    WHERE user_id = \(p.user)::uuid AND summary IS NOT NULL AND created_at >= \(p.conversationsSince)::timestamptz) t
                """
        case .activityLog:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, summary, created_at FROM activity_log
                    WHERE user_id = \(p.user)::uuid AND created_at >= \(p.activitySince)::timestamptz) t
                """
        }
    }

    /// Decodes one table's rows with the snapshot file's decoder and stores them in `snapshot`.
    static func decode(_ json: String, into snapshot: inout Snapshot, table: SnapshotTable) throws {
        let rows = try JSONValue.parse(json)
        let document = JSONValue.object([
            "user_id": .string(snapshot.userID.lowercasedString),
            table.rawValue: rows,
        ])
        let decoded = try SnapshotDecoder.decode(document)
        switch table {
        case .userContext: snapshot.userContext = decoded.userContext
        case .deliverables: snapshot.deliverables = decoded.deliverables
        case .platformConnections: snapshot.platformConnections = decoded.platformConnections
        case .chatSessions: snapshot.chatSessions = decoded.chatSessions
        case .activityLog: snapshot.activityLog = decoded.activityLog
        }
    }
}
