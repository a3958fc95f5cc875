import Foundation
import PostgresStore
import WorkingMemory

/// A fresh, migrated database on the throwaway server that `scripts/test.sh` starts (`WM_TEST_SERVER_URL`).
///
/// Without the variable a test fails with a message naming the script; it is never skipped.
struct ServiceTestDatabase {
    let name: String
    let url: String
    let connection: PostgresConnection

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["WM_TEST_SERVER_URL"], !url.isEmpty else {
                throw ServiceTestError("WM_TEST_SERVER_URL is not set: run the tests with scripts/test.sh")
            }
            return url
        }
    }

    /// PgBouncer in transaction mode in front of the test server (`WM_TEST_PGBOUNCER_URL`).
    static var pgbouncerURL: String {
        get throws { try environment("WM_TEST_PGBOUNCER_URL") }
    }

    /// This database through PgBouncer.
    var pgbouncerURL: String {
        get throws { try Self.pgbouncerURL + "/" + name }
    }

    /// This database on the hot standby (`WM_TEST_STANDBY_URL`).
    var standbyURL: String {
        get throws { try Self.environment("WM_TEST_STANDBY_URL") + "/" + name }
    }

    /// A variable scripts/test.sh sets; a test without it fails naming the script.
    static func environment(_ key: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[key], !value.isEmpty else {
            throw ServiceTestError("\(key) is not set: run the tests with scripts/test.sh")
        }
        return value
    }

    /// Creates a database with a unique name and applies the repository's migrations.
    static func make() throws -> ServiceTestDatabase {
        let server = try serverURL
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: server + "/postgres"))
        let name = "wm_serve_" + UUID().uuidString.prefix(8).lowercased()
        try admin.query("CREATE DATABASE \(unescaped: name)")
        let url = server + "/" + name
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
        let migrations = repositoryRoot.appendingPathComponent("migrations")
        try Migrator(migrations: Migration.load(from: migrations)).migrate(connection)
        return ServiceTestDatabase(name: name, url: url, connection: connection)
    }

    /// Inserts a user with a profile fact and one activity event; returns its id.
    @discardableResult
    func makeUser(withData: Bool = true) throws -> UUID {
        let id = UUID()
        try connection.query("INSERT INTO auth.users (id) VALUES (\(id))")
        if withData {
            try connection.query("""
                INSERT INTO user_context (user_id, key, value, source) VALUES (\(id), 'name', 'Alex Rivera', 'user_stated')
                """)
            try connection.query("""
                INSERT INTO activity_log (user_id, event_type, summary, created_at)
                VALUES (\(id), 'deliverable_run', 'Ran the weekly report', '2026-11-25T09:00:00Z')
                """)
        }
        return id
    }

    /// Inserts a user with a profile, `index`-dependent facts and events, all in one transaction (so that a
    /// replica has either all of it or none); returns its id.
    func makeVariedUser(_ index: Int) throws -> UUID {
        let id = UUID()
        try connection.withSession { session in
            try session.transaction { session in
                try session.query("INSERT INTO auth.users (id) VALUES (\(id))")
                try session.query("""
                    INSERT INTO user_context (user_id, key, value, source)
                    VALUES (\(id), 'name', \("User \(index)"), 'user_stated'),
                           (\(id), \("fact:\(index)"), \("Likes item number \(index) and *emphasis*"), 'tp_extracted')
                    """)
                try session.query("""
                    INSERT INTO activity_log (user_id, event_type, summary, created_at)
                    SELECT \(id), 'deliverable_run', 'Ran report ' || n, '2026-11-25T09:00:00Z'::timestamptz - n * interval '1 hour'
                    FROM generate_series(1, \(1 + index % 7)) AS n
                    """)
                try session.query("""
                    INSERT INTO chat_sessions (user_id, created_at, summary)
                    VALUES (\(id), '2026-11-24T10:00:00Z', \("Talked about plan \(index)"))
                    """)
            }
        }
        return id
    }

    func activityCount(of user: UUID) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM activity_log WHERE user_id = \(user)").rows[0].decode(Int.self, "n")
    }
}

struct ServiceTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
