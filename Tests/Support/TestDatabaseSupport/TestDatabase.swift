import Foundation
import PostgresStore

/// A fresh, migrated database on the throwaway server that `scripts/test.sh` starts, for the store's and the
/// service's tests.
///
/// The servers' URLs come from the variables the script sets (`WM_TEST_SERVER_URL`, `WM_TEST_PGBOUNCER_URL`,
/// `WM_TEST_STANDBY_URL`); a test without them fails with a message that names the script, it is never skipped.
public struct TestDatabase: Sendable {
    public let name: String
    public let url: String
    public let connection: PostgresConnection

    /// The repository's root folder (this file is `Tests/Support/TestDatabaseSupport/TestDatabase.swift`).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The repository's `migrations/` folder.
    public static var migrationsDirectory: URL { repositoryRoot.appendingPathComponent("migrations") }

    /// The test server (`WM_TEST_SERVER_URL`, e.g. `postgresql://postgres@127.0.0.1:54329`), without a database.
    public static var serverURL: String {
        get throws { try environment("WM_TEST_SERVER_URL") }
    }

    /// PgBouncer in transaction mode in front of the test server (`WM_TEST_PGBOUNCER_URL`).
    public static var pgbouncerURL: String {
        get throws { try environment("WM_TEST_PGBOUNCER_URL") }
    }

    /// This database's URL through PgBouncer.
    public var pgbouncerURL: String {
        get throws { try Self.pgbouncerURL + "/" + name }
    }

    /// This database on the hot standby (`WM_TEST_STANDBY_URL`).
    public var standbyURL: String {
        get throws { try Self.environment("WM_TEST_STANDBY_URL") + "/" + name }
    }

    /// A variable scripts/test.sh sets; without it the test fails naming the script.
    public static func environment(_ key: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[key], !value.isEmpty else {
            throw TestSetupError("\(key) is not set: run the tests with scripts/test.sh")
        }
        return value
    }

    /// Creates a database with a unique name (`PREFIX_xxxxxxxx`) and, unless told not to, applies the
    /// repository's migrations to it.
    public static func make(prefix: String = "wm_test", migrated: Bool = true) throws -> TestDatabase {
        let server = try serverURL
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: server + "/postgres"))
        let name = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
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
    public func insertUser(_ id: UUID = UUID()) throws -> UUID {
        try connection.query("INSERT INTO auth.users (id) VALUES (\(id))")
        return id
    }

    /// The number of rows in `activity_log`.
    public func activityCount() throws -> Int {
        try connection.query("SELECT count(*) AS n FROM activity_log").rows[0].decode(Int.self, "n")
    }

    /// The number of `user`'s rows in `activity_log`.
    public func activityCount(of user: UUID) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM activity_log WHERE user_id = \(user)").rows[0].decode(Int.self, "n")
    }
}

/// A test that cannot start: a variable scripts/test.sh sets is missing.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
