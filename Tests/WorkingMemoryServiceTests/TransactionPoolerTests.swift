import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The service behind PgBouncer 1.18 in transaction mode (as Supavisor's port 6543), whose pool of 2 server
/// connections per database is smaller than the service's pool of 4, so server connections change hands
/// between the service's connections all the time.
@Suite struct TransactionPoolerTests {
    static let now = "2026-11-26T09:30:00Z"

    /// Each user's JSON answer over a direct connection, the reference the pooled answers must equal.
    static func directAnswers(_ database: TestDatabase, users: [UUID]) async throws -> [UUID: String] {
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                var answers: [UUID: String] = [:]
                for user in users {
                    answers[user] = try await client.execute(
                        uri: "/v1/users/\(user.lowercasedString)/working-memory?now=\(now)", method: .get,
                        headers: TestService.authorized
                    ) { response in
                        #expect(response.status == .ok)
                        return response.text
                    }
                }
                return answers
            }
        }
    }

    /// How many tables a JSON answer names in `failed_sources`.
    static func failedSources(of answer: String) throws -> Int {
        guard case .object(let members) = try JSONValue.parse(answer), case .array(let failed)? = members["failed_sources"] else {
            throw TestSetupError("no failed_sources array in the answer")
        }
        return failed.count
    }

    /// What other clients of the pooler leave behind: two clients hold both server connections in
    /// transactions and `SET` (not `LOCAL`) inside them, so the settings stay there after `COMMIT`.
    /// Returns the two clients, to look at the server connections later.
    @discardableResult
    static func polluteTheServerConnections(_ url: String) throws -> [PostgresConnection] {
        let clients = try (0..<2).map { _ in try PostgresConnection(configuration: PostgresConfiguration(connectionString: url)) }
        for client in clients {
            try client.query("BEGIN")
            try client.query("SET TimeZone = 'Asia/Kolkata'")
            try client.query("SET DateStyle = 'SQL, DMY'")
            try client.query("SET statement_timeout = 1")
        }
        for client in clients { try client.query("COMMIT") }
        // The control: a statement that sets nothing itself now fails on either server connection.
        for client in clients {
            #expect(throws: PostgresError.self) { try client.query("SELECT pg_sleep(0.05)") }
        }
        return clients
    }

    @Test func fiveThousandConcurrentRequestsThroughPgBouncerEqualDirectRendersAfterOtherClientsChangeSettings() async throws {
        let database = try TestDatabase.make()
        let users = try (0..<50).map { try database.makeVariedUser($0) }
        let expected = try await Self.directAnswers(database, users: users)
        #expect(try expected.values.allSatisfy { try Self.failedSources(of: $0) == 0 && $0.contains("Ran report 1") })
        let polluters = try Self.polluteTheServerConnections(try database.pgbouncerURL)

        let settings = PoolSettings(size: 4, maximumWait: .seconds(120), maximumWaiting: 6_000, readTimeout: .seconds(60))
        try await TestService.with(databaseURL: try database.pgbouncerURL, pooler: .transaction, pool: settings) { service in
            try await TestService.application(service).test(.router) { client in
                let answers = try await withThrowingTaskGroup(of: (UUID, UInt16, String).self) { group in
                    for index in 0..<5_000 {
                        let user = users[index % users.count]
                        group.addTask {
                            try await client.execute(
                                uri: "/v1/users/\(user.lowercasedString)/working-memory?now=\(Self.now)", method: .get,
                                headers: TestService.authorized
                            ) { (user, UInt16($0.status.code), $0.text) }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.count == 5_000)
                #expect(answers.filter { $0.1 != 200 }.count == 0)
                #expect(answers.filter { $0.2 != expected[$0.0] }.count == 0)
            }
            #expect(!service.metrics.exposition().contains("wm_failed_sources_total"))
        }
        // The service set nothing for the session: the server connections keep what the others left.
        for _ in 0..<4 {
            for client in polluters {
                #expect(try client.query("SHOW statement_timeout").rows[0].decode(String.self, "statement_timeout") == "1ms")
            }
        }
    }

    @Test func activityBatchesThroughPgBouncerAreAllOrNothing() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        try await TestService.with(databaseURL: try database.pgbouncerURL, pooler: .transaction) { service in
            try await TestService.application(service).test(.router) { client in
                func batch(_ users: [UUID]) -> String {
                    "[" + users.enumerated().map { index, user in
                        #"{"user_id": "\#(user.lowercasedString)", "event_type": "memory_written", "summary": "Fact \#(index)"}"#
                    }.joined(separator: ",") + "]"
                }
                let good = Array(repeating: user, count: 100)
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized,
                                         body: ByteBuffer(string: batch(good + [UUID()]))) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorCode == "no_such_user")
                }
                #expect(try database.activityCount(of: user) == 0)
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized,
                                         body: ByteBuffer(string: batch(good))) { response in
                    #expect(response.status == .created)
                }
                #expect(try database.activityCount(of: user) == 100)
            }
        }
    }
}
