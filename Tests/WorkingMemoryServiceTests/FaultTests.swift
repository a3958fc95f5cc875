import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The database unreachable, slow, stopped and restarted: the service answers 503 (never crashes, never
/// leaks the connection string) and recovers by itself.
@Suite struct FaultTests {
    @Test func anUnreachableDatabaseIs503WithRetryAfterAndNoConnectionDetails() async throws {
        let url = "postgresql://wm_user:hunter2@127.0.0.1:1/wm_secret_db"
        try await TestService.with(databaseURL: url) { service in
            try await TestService.application(service).test(.live) { client in
                let uri = "/v1/users/\(UUID().lowercasedString)/working-memory"
                for _ in 0..<3 {
                    try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                        #expect(response.status == .serviceUnavailable)
                        #expect(response.errorCode == "database_unavailable")
                        #expect(response.headers[.retryAfter] == "1")
                        for secret in ["hunter2", "wm_user", "wm_secret_db", "127.0.0.1", "postgresql", "5432", "port"] {
                            #expect(!response.text.contains(secret), "the body shows \(secret)")
                        }
                    }
                }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.errorCode == "database_unavailable")
                }
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test func recoversByItselfWhenTheDatabaseStopsAndComesBack() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let target = try #require(URLComponents(string: try TestDatabase.serverURL))
        let proxy = try await SwitchableProxy(forwardingTo: target.host ?? "127.0.0.1", port: target.port ?? 5432)
        let name = try #require(database.url.split(separator: "/").last)
        let viaProxy = "postgresql://\(target.user ?? "postgres")@127.0.0.1:\(proxy.port)/\(name)"

        try await TestService.with(databaseURL: viaProxy) { service in
            try await TestService.application(service).test(.live) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory"
                func expect(_ status: HTTPResponse.Status, _ moment: String) async throws {
                    for path in [uri, "/readyz"] {
                        try await client.execute(uri: path, method: .get, headers: TestService.authorized) { response in
                            #expect(response.status == status, "\(path) \(moment): \(response.text)")
                        }
                    }
                }
                try await expect(.serviceUnavailable, "before the database started")
                try await proxy.start()
                try await expect(.ok, "once the database is up")
                await proxy.stop()
                try await expect(.serviceUnavailable, "while the database is stopped")
                try await proxy.start()
                try await expect(.ok, "after the database came back")
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized,
                                         body: ByteBuffer(string: ActivityRouteTests.event(user))) { response in
                    #expect(response.status == .created)
                }
            }
        }
        await proxy.stop()
    }

    @Test func aSlowDatabaseIsAnswered503AtTheReadTimeoutAndTheServiceRecovers() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        // Another session holds a lock the read needs, so the read waits until the lock is released.
        let locker = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        try locker.query("BEGIN")
        try locker.query("LOCK TABLE user_context IN ACCESS EXCLUSIVE MODE")
        let settings = PoolSettings(size: 1, maximumWait: .seconds(10), readTimeout: .milliseconds(300))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.errorCode == "database_unavailable")
                }
                try locker.query("ROLLBACK")
                // The pool's only connection comes back once the blocked read ends.
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                }
            }
            #expect(service.metrics.exposition().contains(#"wm_pool_call_timeouts_total{server="primary"} 1"#))
        }
    }
}
