import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import Testing
import WorkingMemory
@testable import WorkingMemoryService

/// The pool's bounds: a request that cannot get a connection in time gets 503, a waiting request gets the
/// connection once it is released, and a timed-out call keeps its connection until it really ends.
@Suite struct ConnectionPoolTests {
    /// Occupies the pool's connections with calls that block until `release()` (the pool must reach a
    /// database: the call starts only once its connection is made).
    final class Holder: Sendable {
        let gate = DispatchSemaphore(value: 0)
        let started: AsyncStream<Void>
        private let startedContinuation: AsyncStream<Void>.Continuation

        init() {
            (started, startedContinuation) = AsyncStream.makeStream()
        }

        /// Starts a call that holds a connection; returns once it runs.
        func hold(_ pool: ConnectionPool, timeout: Duration = .seconds(30)) async -> Task<Void, any Error> {
            let task = Task {
                try await pool.run(timeout: timeout) { _ in
                    self.startedContinuation.yield()
                    self.gate.wait()
                }
            }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            return task
        }

        func release() { gate.signal() }
    }

    @Test func anExhaustedPoolAnswers503WithRetryAfter() async throws {
        let database = try ServiceTestDatabase.make()
        let user = try database.makeUser()
        let settings = PoolSettings(size: 1, maximumWait: .milliseconds(20))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let holder = Holder()
            let held = await holder.hold(service.pool)
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.errorCode == "overloaded")
                    #expect(response.headers[.retryAfter] == "1")
                }
                holder.release()
                try await held.value
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                }
            }
            #expect(service.metrics.exposition().contains("wm_pool_rejected_total 1"))
        }
    }

    @Test func noMoreThanTheAllowedNumberOfRequestsWait() async throws {
        let database = try ServiceTestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .seconds(30), maximumWaiting: 0)
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let holder = Holder()
            let held = await holder.hold(service.pool)
            // With no waiting room the refusal is immediate, although the wait allowed is long.
            await #expect(throws: PoolError.exhausted) {
                try await service.pool.run(timeout: .seconds(1)) { _ in 1 }
            }
            holder.release()
            try await held.value
        }
    }

    @Test func aWaitingCallGetsTheConnectionWhenItIsReleased() async throws {
        let database = try ServiceTestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .seconds(30))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let holder = Holder()
            let held = await holder.hold(service.pool)
            let waiting = Task {
                try await service.pool.run(timeout: .seconds(30)) { connection in
                    try connection.query("SELECT 41 + 1 AS n").rows[0].decode(Int.self, "n")
                }
            }
            holder.release()
            try await held.value
            #expect(try await waiting.value == 42)
        }
    }

    @Test func aTimedOutCallKeepsItsConnectionUntilItEnds() async throws {
        let database = try ServiceTestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .milliseconds(20))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let holder = Holder()
            let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
            let timedOut = Task {
                try await service.pool.run(timeout: .milliseconds(50)) { _ in
                    startedContinuation.yield()
                    holder.gate.wait()
                }
            }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            await #expect(throws: PoolError.timedOut) { try await timedOut.value }
            // Still running on its thread: the pool's only connection is not handed out twice.
            await #expect(throws: PoolError.exhausted) {
                try await service.pool.run(timeout: .seconds(1)) { _ in 1 }
            }
            holder.release()
            // Once the call really ends its connection is free again (retried: it may still be finishing).
            var answer: Int?
            for _ in 0..<500 where answer == nil {
                do {
                    answer = try await service.pool.run(timeout: .seconds(30)) { connection in
                        try connection.query("SELECT 1 AS n").rows[0].decode(Int.self, "n")
                    }
                } catch PoolError.exhausted {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(answer == 1)
        }
    }
}
