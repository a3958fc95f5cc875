import Foundation
import Testing
import WorkingMemory
@testable import PostgresStore

/// A fresh, migrated database on the throwaway server that `scripts/test.sh` starts.
///
/// The server's URL comes from `WM_TEST_SERVER_URL` (e.g. `postgresql://postgres@127.0.0.1:54329`); a test
/// without it fails with a message that names the script, it is never skipped.
struct TestDatabase {
    let name: String
    let url: String
    let connection: PostgresConnection

    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["WM_TEST_SERVER_URL"], !url.isEmpty else {
                throw TestSetupError("WM_TEST_SERVER_URL is not set: run the tests with scripts/test.sh")
            }
            return url
        }
    }

    static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
    }

    /// PgBouncer in transaction mode in front of the test server (`WM_TEST_PGBOUNCER_URL`, from scripts/test.sh).
    static var pgbouncerURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["WM_TEST_PGBOUNCER_URL"], !url.isEmpty else {
                throw TestSetupError("WM_TEST_PGBOUNCER_URL is not set: run the tests with scripts/test.sh")
            }
            return url
        }
    }

    /// This database's URL through PgBouncer.
    var pgbouncerURL: String {
        get throws { try Self.pgbouncerURL + "/" + name }
    }

    /// Creates a database with a unique name and applies the repository's migrations to it.
    static func make(migrated: Bool = true) throws -> TestDatabase {
        let server = try serverURL
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: server + "/postgres"))
        let name = "wm_test_" + UUID().uuidString.prefix(8).lowercased()
        try admin.query("CREATE DATABASE \(unescaped: name)")
        let url = server + "/" + name
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
        if migrated {
            try Migrator(migrations: Migration.load(from: migrationsDirectory)).migrate(connection)
        }
        return TestDatabase(name: name, url: url, connection: connection)
    }

    /// Inserts a user into `auth.users` and returns its id.
    @discardableResult
    func makeUser(_ id: UUID = UUID()) throws -> UUID {
        try connection.query("INSERT INTO auth.users (id) VALUES (\(id))")
        return id
    }

    func activityCount() throws -> Int {
        try connection.query("SELECT count(*) AS n FROM activity_log").rows[0].decode(Int.self, "n")
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
