import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// A pool call that times out has its statement cancelled on the server, and its connection serves the
/// next call as soon as the cancelled statement ends, not at `statement_timeout`.
@Suite struct StatementCancellationTests {
    /// Statements of this database's clients now waiting for a lock (a fresh snapshot of pg_stat_activity).
    static func lockWaiters(_ database: TestDatabase) throws -> Int {
        try database.connection.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(database.name) AND wait_event_type = 'Lock'
            """).rows[0].decode(Int.self, "n")
    }

    @Test(arguments: [PoolerMode.none, .transaction])
    func aStatementHeldUpByALockIsCancelledWhenItsCallTimesOut(pooler: PoolerMode) async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let url = pooler == .none ? database.url : try database.pgbouncerURL
        // Another session holds a lock the read needs, for longer than the test.
        let locker = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        try locker.query("BEGIN")
        try locker.query("LOCK TABLE user_context IN ACCESS EXCLUSIVE MODE")
        defer { _ = try? locker.query("ROLLBACK") }
        // The server would end the statement only after a minute; the pool's only connection waits 10 s at most.
        let settings = PoolSettings(size: 1, maximumWait: .seconds(10), readTimeout: .milliseconds(300))
        try await TestService.with(databaseURL: url, pooler: pooler, pool: settings, statementTimeout: .seconds(60)) { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(
                    uri: "/v1/users/\(user.lowercasedString)/working-memory", method: .get, headers: TestService.authorized
                ) { response in
                    #expect(response.status == .serviceUnavailable)
                }
            }
            // The slot is free again while the lock is still held: the blocked statement is gone.
            let answer = try await service.pool.run(timeout: .seconds(5)) { connection in
                try connection.query("SELECT 7 AS n").rows[0].decode(Int.self, "n")
            }
            #expect(answer == 7)
            #expect(try Self.lockWaiters(database) == 0)
            let metrics = service.metrics.exposition()
            #expect(metrics.contains(#"wm_pool_statements_cancelled_total{server="primary"} 1"#))
            #expect(metrics.contains(#"wm_pool_call_timeouts_total{server="primary"} 1"#))
            #expect(!metrics.contains("wm_pool_cancel_failures_total{server=\"primary\"} 1"))
        }
    }

    @Test func aCallThatTimesOutBeforeItRunsIsNeverStarted() throws {
        let cancellation = StatementCancellation()
        #expect(cancellation.startCancelling() == nil)
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        #expect(!cancellation.begin(on: connection))
        cancellation.end()
    }

    @Test func theConnectionWaitsForTheCancelRequestBeforeItServesAnotherCall() async throws {
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        let cancellation = StatementCancellation()
        #expect(cancellation.begin(on: connection))
        let request = try #require(cancellation.startCancelling())
        #expect(cancellation.startCancelling() == nil)  // one request per call
        let ended = Task.detached { cancellation.end(); return ContinuousClock.now }
        try await Task.sleep(for: .milliseconds(200))
        let sent = ContinuousClock.now
        request.sent.signal()
        let endedAt = await ended.value
        #expect(endedAt >= sent)
    }
}
