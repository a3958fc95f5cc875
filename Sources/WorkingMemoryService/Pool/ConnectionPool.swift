import Logging
import NIOCore
import NIOPosix
import PostgresStore
import ServiceLifecycle
import Synchronization

/// A fixed number of PostgreSQL connections shared by the service's requests, with a bounded wait.
///
/// - Bounded: at most `size` connections and `size` threads; at most `maximumWaiting` requests wait, each at
///   most `maximumWait`, then it gets `PoolError.exhausted` (answered 503). There is no unbounded queue.
/// - Timed: every call has a timeout; when it passes the caller gets `PoolError.timedOut` at once, while the
///   libpq call finishes on its thread (bounded by libpq's connect timeout and the server's
///   `statement_timeout`) and only then frees its connection. So a slow database never holds a request
///   longer than its timeout, and never lets more than `size` calls run.
/// - Self-healing: connections are made on first use; a broken one is reset by `PostgresSession` on its next
///   call, and one that cannot be made is tried again by the next request, so the pool recovers by itself
///   when the database comes back. The service can start while the database is down.
/// - libpq blocks its thread, so calls run on the pool's own threads (an `NIOThreadPool`), never on Swift
///   concurrency's cooperative threads or the server's event loops.
///
/// As a `Service`, it closes when the service group shuts down (after the HTTP server, which is listed
/// after it); `close()` does the same for callers that manage it themselves. It must be closed before it
/// is released.
public final class ConnectionPool: Service, Sendable {
    public let settings: PoolSettings
    private let configuration: PostgresConfiguration
    private let state: Mutex<State>
    private let threads: NIOThreadPool
    private let timers: any EventLoopGroup
    private let metrics: ServiceMetrics
    private let logger: Logger

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Int?, Never>
    }

    private struct State {
        var idle: [Int]
        var connections: [PostgresConnection?]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    /// Creates the pool; no connection is made until a call needs one.
    ///
    /// `timers` schedules the waits and timeouts (the server's event loops are fine: the work is tiny).
    public init(
        configuration: PostgresConfiguration,
        settings: PoolSettings,
        metrics: ServiceMetrics,
        timers: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "wm.pool")
    ) {
        self.configuration = configuration
        self.settings = settings
        self.metrics = metrics
        self.timers = timers
        self.logger = logger
        state = Mutex(State(idle: Array((0..<settings.size).reversed()), connections: Array(repeating: nil, count: settings.size)))
        threads = NIOThreadPool(numberOfThreads: settings.size)
        threads.start()
    }

    /// Runs `work` with a connection of its own, on a pool thread, within `timeout`.
    ///
    /// `work` receives the slot's connection (connecting first when there is none). Its errors are
    /// rethrown as they are; a connection that cannot be made throws `PostgresError` (`connectionFailed`).
    /// - Throws: `PoolError.exhausted` when no connection frees up within the pool's wait,
    ///   `PoolError.timedOut` when `work` does not finish within `timeout`, `PoolError.closed` after `close()`.
    public func run<T: Sendable>(
        timeout: Duration,
        _ work: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let asked = ContinuousClock.now
        guard let slot = await acquire() else {
            metrics.poolRejected.increment()
            throw state.withLock { $0.closed } ? PoolError.closed : PoolError.exhausted
        }
        metrics.poolWait.recordNanoseconds(asked.duration(to: .now).nanoseconds)
        let outcome: Result<T, any Error>? = await withCheckedContinuation { continuation in
            let answer = AnswerOnce(continuation)
            let timer = timers.any().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) { answer.resume(nil) }
            threads.submit { threadState in
                let result: Result<T, any Error>
                if case .active = threadState {
                    result = Result { try work(self.connection(in: slot)) }
                } else {
                    result = .failure(PoolError.closed)
                }
                self.release(slot)
                timer.cancel()
                answer.resume(result)
            }
        }
        guard let outcome else {
            metrics.poolCallTimeouts.increment()
            throw PoolError.timedOut
        }
        return try outcome.get()
    }

    /// Answers every waiting request with `closed`, stops the threads once running calls end, and drops
    /// the connections.
    public func close() async {
        let waiting = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiting { waiter.continuation.resume(returning: nil) }
        try? await threads.shutdownGracefully()
        state.withLock { $0.connections = $0.connections.map { _ in nil } }
    }

    /// Waits for the service group's graceful shutdown, then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    // MARK: - Slots

    /// A free slot: at once when one is idle, else after waiting at most `maximumWait`; nil when none came.
    private func acquire() async -> Int? {
        enum Decision { case slot(Int), wait, refuse }
        let decision: Decision = state.withLock { state in
            if state.closed { return .refuse }
            if let slot = state.idle.popLast() { return .slot(slot) }
            return state.waiters.count < settings.maximumWaiting ? .wait : .refuse
        }
        switch decision {
        case .slot(let slot): return slot
        case .refuse: return nil
        case .wait: break
        }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int?, Never>) in
            let queued: UInt64? = state.withLock { state in
                // A slot may have been released since the decision above.
                if let slot = state.idle.popLast() {
                    continuation.resume(returning: slot)
                    return nil
                }
                if state.closed || state.waiters.count >= settings.maximumWaiting {
                    continuation.resume(returning: nil)
                    return nil
                }
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: state.nextWaiterID, continuation: continuation))
                return state.nextWaiterID
            }
            guard let queued else { return }
            timers.any().scheduleTask(in: .nanoseconds(settings.maximumWait.nanoseconds)) {
                let expired = self.state.withLock { state -> Waiter? in
                    guard let index = state.waiters.firstIndex(where: { $0.id == queued }) else { return nil }
                    return state.waiters.remove(at: index)
                }
                expired?.continuation.resume(returning: nil)
            }
        }
    }

    /// Hands `slot` to the longest-waiting request, or marks it idle.
    private func release(_ slot: Int) {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.idle.append(slot)
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: slot)
    }

    /// The slot's connection, made now when it has none (only the slot's holder calls this).
    private func connection(in slot: Int) throws(PostgresError) -> PostgresConnection {
        if let existing = state.withLock({ $0.connections[slot] }) { return existing }
        let made = try PostgresConnection(configuration: configuration, logger: logger)
        state.withLock { $0.connections[slot] = made }
        return made
    }
}

/// Resumes a continuation exactly once, from whichever of two racing sides comes first.
private final class AnswerOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T?, Never>?>

    init(_ continuation: CheckedContinuation<T?, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: T?) {
        let taken = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        taken?.resume(returning: value)
    }
}
