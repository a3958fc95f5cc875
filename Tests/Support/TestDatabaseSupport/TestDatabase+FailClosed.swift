import Foundation
import PostgresStore

/// Rows and a misbehaving operator for the fail-closed tests: the database answers one user's read with
/// another user's row.
extension TestDatabase {
    /// The five tables the PostgreSQL source reads, in its order (`SnapshotTable.allCases`).
    public static let sourceTables = ["user_context", "deliverables", "platform_connections", "chat_sessions", "activity_log"]

    /// The moment the fail-closed tests render at: every row `insertSourceRow` writes is inside the source's
    /// windows (7 days for chat sessions and activity) as of it.
    public static let failClosedNow = Date(timeIntervalSince1970: 1_795_694_400)  // 2026-11-26T12:00:00Z

    /// `Tests/Support/FailClosed/misbehaving-uuid-equality.sql`: an always-true `=` for (uuid, uuid) in a
    /// schema put before `pg_catalog` on the database's search_path.
    public static var misbehavingEqualityScript: URL {
        repositoryRoot.appendingPathComponent("Tests/Support/FailClosed/misbehaving-uuid-equality.sql")
    }

    /// Inserts one row of `user` into `table` (one of `sourceTables`), one the source reads and the prompt
    /// shows, whose text holds `label`; returns the row's id.
    @discardableResult
    public func insertSourceRow(in table: String, of user: UUID, label: String) throws -> UUID {
        let id = UUID()
        switch table {
        case "user_context":
            try connection.query("""
                INSERT INTO user_context (id, user_id, key, value, source) VALUES (\(id), \(user), \("fact:" + label), \(label), 'user_stated')
                """)
        case "deliverables":
            try connection.query("""
                INSERT INTO deliverables (id, user_id, title, status, schedule, updated_at)
                VALUES (\(id), \(user), \(label), 'active', '{"frequency": "weekly"}'::jsonb, '2026-11-20T08:00:00Z')
                """)
        case "platform_connections":
            try connection.query("""
                INSERT INTO platform_connections (id, user_id, platform, status, last_synced_at)
                VALUES (\(id), \(user), \(label), 'connected', '2026-11-26T10:00:00Z')
                """)
        case "chat_sessions":
            try connection.query("""
                INSERT INTO chat_sessions (id, user_id, created_at, summary) VALUES (\(id), \(user), '2026-11-25T15:00:00Z', \(label))
                """)
        case "activity_log":
            try connection.query("""
                INSERT INTO activity_log (id, user_id, event_type, summary, created_at)
                VALUES (\(id), \(user), 'deliverable_run', \(label), '2026-11-26T09:00:00Z')
                """)
        default:
            throw TestSetupError("\(table) is not a table the source reads")
        }
        return id
    }

    /// Plants the misbehaving `=` (`misbehavingEqualityScript`); connections opened afterwards have it on
    /// their search_path, this one (`connection`) does not.
    public func plantMisbehavingEquality() throws {
        let script = try String(contentsOf: Self.misbehavingEqualityScript, encoding: .utf8)
        try connection.withSession { session in try session.execute(script: script) }
    }
}
