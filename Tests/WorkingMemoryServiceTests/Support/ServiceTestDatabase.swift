import Foundation
import PostgresStore
import WorkingMemory

/// A fresh, migrated database on the throwaway server that `scripts/test.sh` starts (`WM_TEST_SERVER_URL`).
///
/// Without the variable a test fails with a message naming the script; it is never skipped.
struct ServiceTestDatabase {
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
        return ServiceTestDatabase(url: url, connection: connection)
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

    func activityCount(of user: UUID) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM activity_log WHERE user_id = \(user)").rows[0].decode(Int.self, "n")
    }
}

struct ServiceTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
