import Foundation
import SourceData
import TestDatabaseSupport
import Testing
import WorkingMemory
@testable import PostgresStore

/// `PoolerMode.transaction`: nothing stays on the server connection, and what other clients of a
/// transaction pooler leave there changes nothing. Against the real server and PgBouncer 1.18 in
/// transaction mode (`scripts/test.sh` starts both).
@Suite struct PoolerModeTests {
    static func transactionMode(_ url: String, statementTimeoutMilliseconds: Int = 5_000) throws -> PostgresConnection {
        try PostgresConnection(configuration: PostgresConfiguration(
            connectionString: url, statementTimeoutMilliseconds: statementTimeoutMilliseconds, pooler: .transaction))
    }

    @Test func aTransactionModeSessionPreparesNothingAndSetsNothingForTheSession() throws {
        let database = try PostgresSourceTests.databaseWithTheSnapshot()
        let connection = try Self.transactionMode(database.url)
        let result = try PostgresWorkingMemorySource(connection: connection).fetchBlocking(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        #expect(result.failedSources.isEmpty)
        try ActivityLogStore(connection: connection).write(
            try NewActivityEvent(user: PostgresSourceTests.user, type: .memoryWritten, summary: "Noted a fact"))
        // Same backend (a direct connection): no named statement, and the session's own values untouched.
        let left = try connection.withSession { session in
            try session.execute(script: "CREATE TEMP TABLE probe AS SELECT (SELECT count(*) FROM pg_prepared_statements) AS prepared, "
                + "current_setting('statement_timeout') AS timeout")
            return try session.query("SELECT prepared, timeout FROM probe").rows[0]
        }
        #expect(try left.decode(Int.self, "prepared") == 0)
        // Inside that script's transaction the local value is in force; the server default is 0.
        #expect(try left.decode(String.self, "timeout") == "5s")
        let direct = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        _ = try PostgresWorkingMemorySource(connection: direct).fetchBlocking(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        #expect(try direct.query("SELECT count(*) AS n FROM pg_prepared_statements").rows[0].decode(Int.self, "n") == 7, "the user check, five tables and the data version")
    }

    @Test func settingsLeftOnTheServerConnectionChangeNoResultInTransactionMode() throws {
        let database = try PostgresSourceTests.databaseWithTheSnapshot()
        let expected = try PostgresWorkingMemorySource(connection: database.connection)
            .fetchBlocking(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        /// What another client of a pooler may leave on the server connection this session gets next.
        func pollute(_ connection: PostgresConnection) throws {
            try connection.query("""
                SELECT set_config('TimeZone', 'Asia/Kolkata', false), set_config('DateStyle', 'SQL, DMY', false),
                       set_config('statement_timeout', '1', false)
                """)
        }
        // The control: a session that sets things once per connection is broken by it.
        let once = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        try pollute(once)
        let broken = try? PostgresWorkingMemorySource(connection: once).fetchBlocking(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        #expect(broken == nil || broken?.failedSources.isEmpty == false)
        let connection = try Self.transactionMode(database.url)
        try pollute(connection)
        let read = try PostgresWorkingMemorySource(connection: connection).fetchBlocking(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        #expect(read == expected)
        let events = try ActivityLogStore(connection: connection)
            .recent(user: PostgresSourceTests.user, limit: 10, lookback: 30 * 86_400, now: PostgresSourceTests.now)
        #expect(events.map(\.createdAt) == expected.snapshot.activityLog.map(\.createdAt))
        #expect(try connection.query("SELECT pg_sleep(0.05)").count == 1)
        // The pollution is still there for the session: only each transaction sets its own values.
        let session = try connection.withSession { session in
            try session.execute(script: "CREATE TEMP TABLE seen AS SELECT current_setting('TimeZone') AS zone")
            return try session.query("SELECT zone FROM seen").rows[0].decode(String.self, "zone")
        }
        #expect(session == "UTC")
    }

    @Test func aReadOnlySnapshotPipelineIsRepeatableReadAndLeavesNoTransactionWhenAStatementFails() throws {
        let database = try TestDatabase.make()
        for mode in PoolerMode.allCases {
            let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url, pooler: mode))
            let outcomes = try connection.pipeline([
                "SELECT current_setting('transaction_isolation') AS v",
                "SELECT current_setting('transaction_read_only') AS v",
                "SELECT current_setting('TimeZone') AS v",
            ], transactions: .readOnlySnapshot)
            #expect(try outcomes.map { try $0.get().rows[0].decode(String.self, "v") } == ["repeatable read", "on", "UTC"])
            let failed = try connection.pipeline(["SELECT 1 AS v", "SELECT * FROM no_such_table", "SELECT 3 AS v"], transactions: .readOnlySnapshot)
            #expect((try? failed[0].get()) != nil)
            #expect(failed[1].failureSQLState == "42P01")
            #expect(failed[2].failureSQLState == nil && (try? failed[2].get()) == nil)
            // The aborted transaction was rolled back: the connection takes new work at once.
            #expect(try connection.query("SELECT 4 AS v").rows[0].decode(Int.self, "v") == 4)
            #expect(try connection.withSession { session in session.isIdle }, "mode \(mode)")
        }
    }

    @Test func batchWritesThroughPgBouncerAreAllOrNothing() throws {
        let database = try TestDatabase.make()
        let user = try database.insertUser()
        let store = ActivityLogStore(connection: try Self.transactionMode(try database.pgbouncerURL))
        let good = try (0..<50).map { try NewActivityEvent(user: user, type: .memoryWritten, summary: "Fact \($0)") }
        let stranger = try NewActivityEvent(user: UUID(), type: .memoryWritten, summary: "Nobody's")
        #expect(throws: ActivityLogError.self) { try store.write(batch: good + [stranger]) }
        #expect(try database.activityCount() == 0)
        #expect(try store.write(batch: good) == good.map(\.id))
        #expect(try database.activityCount() == 50)
    }

    @Test func concurrentMigrationsThroughPgBouncerApplyEachFileOnce() async throws {
        let database = try TestDatabase.make(migrated: false)
        let url = try database.pgbouncerURL
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.migrationsDirectory))
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<3 {
                group.addTask { try migrator.migrate(try Self.transactionMode(url)).map(\.version) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied.sorted() == migrator.migrations.map(\.version))
        let status = try migrator.status(try Self.transactionMode(url))
        #expect(status.allSatisfy { if case .applied = $0.state { true } else { false } })
        #expect(try migrator.migrate(try Self.transactionMode(url)).isEmpty)
        // The schema works: a user and an event through the pooler.
        let user = try database.insertUser()
        try ActivityLogStore(connection: try Self.transactionMode(url)).write(try NewActivityEvent(user: user, type: .chatSession, summary: "Chatted"))
        #expect(try database.activityCount() == 1)
        // No session advisory lock is left behind on any server connection.
        let locks = try database.connection.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'")
        #expect(try locks.rows[0].decode(Int.self, "n") == 0)
    }
}

extension Result where Failure == PostgresError {
    var failureSQLState: String? {
        if case .failure(let error) = self { return error.sqlState }
        return nil
    }
}
