import Foundation
import WorkingMemory

/// Reads one user's working-memory data from PostgreSQL: every table in one round trip.
///
/// The five reads go out as one pipeline, each with its own sync point, so a table that fails (a missing
/// privilege, a timeout) leaves only its own array empty and is named in `failedSources`; the others still
/// render. Each table comes back as the JSON of the snapshot file format and is decoded by the same
/// `SnapshotDecoder`, so rendering from the database and from `wm snapshot`'s file gives the same bytes.
///
/// Chat sessions and activity are read inside the builder's lookback windows only (what the prompt can
/// show); deliverables only when active. Older or inactive rows are neither read nor counted.
public struct PostgresWorkingMemorySource: WorkingMemorySource {
    public let connection: PostgresConnection
    public let settings: BuilderSettings

    public init(connection: PostgresConnection, settings: BuilderSettings = .reference) {
        self.connection = connection
        self.settings = settings
    }

    /// The user's snapshot as of `now`; throws only when the database cannot be reached at all.
    public func fetch(user: UUID, now: Date) async throws -> SourceResult {
        try fetchNow(user: user, now: now)
    }

    /// The synchronous form of `fetch`, for callers that are not async.
    public func fetchNow(user: UUID, now: Date) throws(PostgresError) -> SourceResult {
        let tables = SnapshotTable.allCases
        let outcomes = try connection.pipeline(tables.map {
            query(for: $0, user: user, now: now).prepared(as: "wm_source_" + $0.rawValue)
        })
        var snapshot = Snapshot(userID: user)
        var failed: [FailedSource] = []
        for (table, outcome) in zip(tables, outcomes) {
            do {
                let json = try outcome.get().rows.first?.decode(String.self, "rows") ?? "[]"
                try Self.decode(json, into: &snapshot, table: table)
            } catch let error as PostgresError {
                failed.append(FailedSource(table: table, reason: error.description))
            } catch {
                failed.append(FailedSource(table: table, reason: "\(error)"))
            }
        }
        return SourceResult(snapshot: snapshot, failedSources: failed)
    }

    func query(for table: SnapshotTable, user: UUID, now: Date) -> PostgresQuery {
        switch table {
        case .userContext:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.key), '[]')::text AS rows FROM (
                    SELECT id, key, value, source, confidence, created_at, updated_at
                    FROM user_context WHERE user_id = \(user)) t
                """
        case .deliverables:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.updated_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at
                    FROM deliverables WHERE user_id = \(user) AND status = 'active') t
                """
        case .platformConnections:
            return """
                SELECT coalesce(json_agg(t ORDER BY t.platform), '[]')::text AS rows FROM (
                    SELECT id, platform, status, last_synced_at, settings
                    FROM platform_connections WHERE user_id = \(user)) t
                """
        case .chatSessions:
            let since = now.addingTimeInterval(-settings.conversationLookback)
            return """
                SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, created_at, summary FROM chat_sessions
                    WHERE user_id = \(user) AND summary IS NOT NULL AND created_at >= \(since)) t
                """
        case .activityLog:
            let since = now.addingTimeInterval(-settings.activityLookback)
            return """
                SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                    SELECT id, event_type, event_ref, summary, metadata, created_at FROM activity_log
                    WHERE user_id = \(user) AND created_at >= \(since)) t
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
