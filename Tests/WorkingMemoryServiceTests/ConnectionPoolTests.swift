import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import Synchronization
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The pool's bounds: a request that cannot get a connection in time gets 503, a waiting request gets the
/// connection once it is released, and a timed-out call keeps its connection until it really ends.
@Suite struct ConnectionPoolTests {
    /// The timeout and the longest wait of a call that must outlast the test's own steps (a held call, the
    /// calls queued behind it).
    ///
    /// It bounds only a failure: those steps run on Swift's cooperative threads, two on a two-core machine,
    /// which the whole test run shares with tests that block them on libpq, so a step that takes
    /// milliseconds alone can wait there for more than 30 seconds (a fresh-clone CI run timed out all five
    /// held calls at 30). Nothing asserted depends on it.
    static let outlastsTheTest: Duration = .seconds(600)

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
        ///
        /// - Throws: why the call ended before it ran (it never waits forever for a call that failed).
        func hold(_ pool: ConnectionPool, timeout: Duration = ConnectionPoolTests.outlastsTheTest) async throws -> Held {
            let task = Task {
                defer { self.startedContinuation.finish() }
                try await pool.run(timeout: timeout) { _ in
                    self.startedContinuation.yield()
                    self.gate.wait()
                }
            }
            var iterator = started.makeAsyncIterator()
            guard await iterator.next() != nil else {
                try await task.value
                throw TestSetupError("the holding call ended before its work started")
            }
            return Held(holder: self, call: task)
        }

        func release() { gate.signal() }
    }

    /// A call holding a connection (`Holder.hold`).
    struct Held {
        let holder: Holder
        let call: Task<Void, any Error>

        /// Lets the call end and waits until it has.
        func release() async throws {
            holder.release()
            try await call.value
        }
    }

    /// The calls that ran, by index, in the order they ran.
    final class Calls: Sendable {
        private let indices = Mutex<[Int]>([])
        func record(_ index: Int) { indices.withLock { $0.append(index) } }
        var all: [Int] { indices.withLock { $0 } }
    }

    @Test func anExhaustedPoolAnswers503WithRetryAfter() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let settings = PoolSettings(size: 1, maximumWait: .milliseconds(20))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.errorCode == "overloaded")
                    #expect(response.headers[.retryAfter] == "1")
                }
                try await held.release()
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                }
            }
            #expect(service.metrics.exposition().contains(#"wm_pool_rejected_total{server="primary"} 1"#))
        }
    }

    @Test func noMoreThanTheAllowedNumberOfRequestsWait() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .seconds(30), maximumWaiting: 0)
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            // With no waiting room the refusal is immediate, although the wait allowed is long.
            await #expect(throws: PoolError.exhausted) {
                try await service.pool.run(timeout: .seconds(1)) { _ in 1 }
            }
            try await held.release()
        }
    }

    @Test func withoutAWaitAnExhaustedPoolRefusesAtOnce() async throws {
        let database = try TestDatabase.make()
        // Deadlines are checked only hourly here: a call that queued would still be waiting at the release.
        let settings = PoolSettings(size: 1, maximumWait: .zero, deadlineCheckInterval: .seconds(3_600))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            let refused = Task { try await service.pool.run(timeout: .seconds(1)) { _ in 1 } }
            try await Task.sleep(for: .milliseconds(100))
            try await held.release()
            await #expect(throws: PoolError.exhausted) { try await refused.value }
        }
    }

    @Test func withoutWaitingRoomSequentialCallsAreNeverRefused() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWaiting: 0)
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            // Each call is answered only after it has left the pool, so the next one finds the connection free.
            for index in 0..<200 {
                let answer = try await service.pool.run(timeout: .seconds(5)) { _ in index }
                #expect(answer == index)
            }
        }
    }

    @Test func aCallThatGaveUpWaitingNeverRuns() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .milliseconds(20))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            let ran = Calls()
            await #expect(throws: PoolError.exhausted) {
                try await service.pool.run(timeout: .seconds(1)) { _ in ran.record(0) }
            }
            try await held.release()
            // The abandoned call was still queued behind the held one; the thread that freed up skipped it
            // (a call queued after it runs, so the thread has passed it by then).
            let after = try await service.pool.run(timeout: .seconds(5)) { _ in ran.all }
            #expect(after.isEmpty)
            #expect(ran.all.isEmpty)
        }
    }

    @Test func waitingCallsRunInTheOrderTheyCame() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: Self.outlastsTheTest)
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            let order = Calls()
            var waiting: [Task<Void, any Error>] = []
            for index in 0..<5 {
                let (queued, queuedContinuation) = AsyncStream.makeStream(of: Void.self)
                waiting.append(Task {
                    queuedContinuation.yield()
                    try await service.pool.run(timeout: Self.outlastsTheTest) { _ in order.record(index) }
                })
                var iterator = queued.makeAsyncIterator()
                _ = await iterator.next()
                // Let the task reach the pool's queue before the next one starts.
                try await Task.sleep(for: .milliseconds(20))
            }
            try await held.release()
            for task in waiting { try await task.value }
            #expect(order.all == [0, 1, 2, 3, 4])
        }
    }

    @Test func aWaitingCallGetsTheConnectionWhenItIsReleased() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: Self.outlastsTheTest)
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            let held = try await Holder().hold(service.pool)
            let waiting = Task {
                try await service.pool.run(timeout: Self.outlastsTheTest) { connection in
                    try connection.query("SELECT 41 + 1 AS n").rows[0].decode(Int.self, "n")
                }
            }
            try await held.release()
            #expect(try await waiting.value == 42)
        }
    }

    @Test func aTimedOutCallKeepsItsConnectionUntilItEnds() async throws {
        let database = try TestDatabase.make()
        let settings = PoolSettings(size: 1, maximumWait: .milliseconds(20))
        try await TestService.with(databaseURL: database.url, pool: settings) { service in
            // The connection is made first, so that the short timeout below covers the work only (a busy
            // machine can take longer than it to connect, and then the work would never start).
            _ = try await service.pool.run(timeout: .seconds(30)) { _ in }
            let holder = Holder()
            let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
            let timedOut = Task {
                defer { startedContinuation.finish() }
                try await service.pool.run(timeout: .milliseconds(200)) { _ in
                    startedContinuation.yield()
                    holder.gate.wait()
                }
            }
            var iterator = started.makeAsyncIterator()
            try #require(await iterator.next() != nil, "the call timed out before its work started")
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
