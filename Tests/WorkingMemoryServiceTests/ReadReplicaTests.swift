import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The service with a read replica: the hot standby that scripts/test.sh makes with `pg_basebackup -R`.
///
/// Serialized: one test stops the standby and another pauses its replay.
@Suite(.serialized) struct ReadReplicaTests {
    static let now = "2026-11-26T09:30:00Z"

    static func workingMemory(_ client: some TestClientProtocol, _ user: UUID, markdown: Bool = false) async throws -> (UInt16, String) {
        var headers = TestService.authorized
        if markdown { headers[.accept] = "text/markdown" }
        return try await client.execute(
            uri: "/v1/users/\(user.lowercasedString)/working-memory?now=\(now)", method: .get, headers: headers
        ) { (UInt16($0.status.code), $0.text) }
    }

    static func answers(_ service: WorkingMemoryService, _ users: [UUID]) async throws -> [String] {
        try await TestService.application(service).test(.router) { client in
            var answers: [String] = []
            for user in users {
                let (status, text) = try await workingMemory(client, user)
                #expect(status == 200)
                answers.append(text)
            }
            return answers
        }
    }

    /// Connections the service holds open on the standby for `database`.
    static func serviceConnectionsOnTheStandby(_ database: TestDatabase) throws -> Int {
        let standby = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try database.standbyURL))
        return try standby.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(database.name) AND application_name = 'wm' AND pid <> pg_backend_pid()
            """).rows[0].decode(Int.self, "n")
    }

    @Test func rendersFromTheCaughtUpStandbyEqualThePrimarysAndWritesLandOnThePrimary() async throws {
        let database = try TestDatabase.make()
        let users = try (0..<8).map { try database.makeVariedUser($0) }
        try await TestStandby.waitUntilCaughtUp(with: database)
        let expected = try await TestService.with(databaseURL: database.url) { try await Self.answers($0, users) }
        try await TestService.with(databaseURL: database.url, readReplicaURL: try database.standbyURL) { service in
            #expect(try await Self.answers(service, users) == expected)
            #expect(try Self.serviceConnectionsOnTheStandby(database) >= 1)
            let lag = await service.lagMonitor.sample()
            #expect(lag != nil && lag! >= 0)
            let metrics = service.metrics.exposition()
            #expect(metrics.contains("wm_replica_up 1"))
            #expect(metrics.contains("wm_replica_lag_seconds"))
            #expect(!metrics.contains("wm_replica_fallbacks_total"))
            // A write goes to the primary (the standby could not take it).
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized,
                                         body: ByteBuffer(string: ActivityRouteTests.event(users[0]))) { response in
                    #expect(response.status == .created)
                }
            }
            #expect(try database.activityCount(of: users[0]) == 2)
        }
    }

    @Test func aLaggingStandbyMissesANewEventAndAUserItHasNotReplayedIsReadFromThePrimary() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeVariedUser(1)
        try await TestStandby.waitUntilCaughtUp(with: database)
        let standby = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try database.standbyURL))
        try standby.query("SELECT pg_wal_replay_pause()")
        do {
            try database.connection.query("""
                INSERT INTO activity_log (user_id, event_type, summary, created_at)
                VALUES (\(user), 'memory_written', 'Noted the new fact', '2026-11-26T09:00:00Z')
                """)
            let newcomer = try database.makeVariedUser(2)
            try await TestService.with(databaseURL: database.url, readReplicaURL: try database.standbyURL) { service in
                try await TestService.application(service).test(.router) { client in
                    let (status, lagging) = try await Self.workingMemory(client, user, markdown: true)
                    #expect(status == 200)
                    #expect(!lagging.contains("Noted the new fact"))
                    let (newcomerStatus, newcomerBlock) = try await Self.workingMemory(client, newcomer, markdown: true)
                    #expect(newcomerStatus == 200)
                    #expect(newcomerBlock.contains("User 2"))
                }
                #expect(service.metrics.exposition().contains(#"wm_replica_fallbacks_total{reason="user_not_replicated"} 1"#))
                // Received but not replayed: the lag grows from the last transaction replayed.
                try await TestStandby.waitUntilReceived(with: database)
                let lag = try #require(await service.lagMonitor.sample())
                #expect(lag > 0)
            }
        } catch {
            try standby.query("SELECT pg_wal_replay_resume()")
            throw error
        }
        try standby.query("SELECT pg_wal_replay_resume()")
        try await TestStandby.waitUntilCaughtUp(with: database)
        try await TestService.with(databaseURL: database.url, readReplicaURL: try database.standbyURL) { service in
            try await TestService.application(service).test(.router) { client in
                let (_, caughtUp) = try await Self.workingMemory(client, user, markdown: true)
                #expect(caughtUp.contains("Noted the new fact"))
            }
        }
    }

    @Test func withTheStandbyStoppedReadsFallBackToThePrimaryWithNoErrors() async throws {
        let database = try TestDatabase.make()
        let users = try (0..<4).map { try database.makeVariedUser($0) }
        try await TestStandby.waitUntilCaughtUp(with: database)
        let expected = try await TestService.with(databaseURL: database.url) { try await Self.answers($0, users) }
        // The replica stays marked down for the whole test, however slowly a loaded machine runs it: the counts
        // below are exact (one unreachable, then replica_down) only if no retry falls inside the test.
        try await TestService.with(databaseURL: database.url, readReplicaURL: try database.standbyURL,
                                   replicaRetryInterval: .seconds(600)) { service in
            #expect(try await Self.answers(service, users) == expected)  // the replica's connections are open
            try TestStandby.stop()
            do {
                for _ in 0..<3 {
                    #expect(try await Self.answers(service, users) == expected)
                }
                try await TestService.application(service).test(.router) { client in
                    try await client.execute(uri: "/v1/users/\(users[0].lowercasedString)/activity", method: .get,
                                             headers: TestService.authorized) { response in
                        #expect(response.status == .ok)
                    }
                }
                #expect(await service.lagMonitor.sample() == nil)
                let metrics = service.metrics.exposition()
                #expect(metrics.contains(#"wm_replica_fallbacks_total{reason="unreachable"} 1"#))
                #expect(metrics.contains(#"wm_replica_fallbacks_total{reason="replica_down"} 12"#))
                #expect(metrics.contains("wm_replica_up 0"))
                #expect(!metrics.contains(#"status="5"#))
            } catch {
                try TestStandby.start()
                throw error
            }
            try TestStandby.start()
        }
        try await TestStandby.waitUntilCaughtUp(with: database)
    }
}
