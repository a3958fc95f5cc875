import Logging
import NIOCore
import NIOPosix
import PostgresStore
import ServiceLifecycle
import Synchronization

/// A fixed number of PostgreSQL connections shared by the service's requests, with a bounded wait.
///
/// - Bounded: at most `size` connections and `size` threads; at most `maximumWaiting` calls wait, each at
///   most `maximumWait`, then it gets `PoolError.exhausted` (answered 503). There is no unbounded queue.
/// - Queued as work: a call that must wait waits as a work item in the threads' queue, so the thread that
///   ends one call starts the next on its own. The caller's task is resumed once, with the answer; it is
///   not woken to be handed a connection and then hand work to a thread, two more thread switches.
/// - Timed: every call has a timeout; when it passes the caller gets `PoolError.timedOut` at once, and the
///   statement running for it is cancelled on the server (libpq's cancel request, sent from a thread of its
///   own and counted in `wm_pool_statements_cancelled_total`). The libpq call then ends on its thread and
///   only then frees its connection, which serves no other call before the cancel request has been sent.
///   A call that times out while its connection is still being made never starts its work. So a slow
///   database never holds a request longer than its timeout, never keeps working for a caller who has
///   gone, and never lets more than `size` calls run. Waits and timeouts are checked
///   every `PoolSettings.deadlineCheckInterval` by one `DeadlineWatch` (they end up to that much late), not
///   by a timer per call, which would wake an event loop when set and again when cancelled.
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
    /// Which server the pool connects to; its metrics carry it as the `server` label.
    public let role: DatabaseRole
    private let configuration: PostgresConfiguration
    private let state: Mutex<State>
    private let threads: NIOThreadPool
    /// Sends cancel requests, which block until the server takes them, off the event loops.
    private let cancelThread: NIOThreadPool
    private let deadlines: DeadlineWatch
    private let metrics: PoolMetrics
    private let logger: Logger

    private struct State {
        /// Slots whose connection no call is using (the running calls hold the others).
        var idle: [Int]
        var connections: [PostgresConnection?]
        /// Calls queued or running; at most `size + maximumWaiting`.
        var admitted = 0
        var closed = false
    }

    /// Creates the pool; no connection is made until a call needs one.
    ///
    /// `timers` runs the deadline checks (the server's event loops are fine: the work is tiny).
    public init(
        configuration: PostgresConfiguration,
        settings: PoolSettings,
        metrics: ServiceMetrics,
        role: DatabaseRole = .primary,
        timers: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "wm.pool")
    ) {
        self.configuration = configuration
        self.settings = settings
        self.role = role
        self.metrics = metrics.pool(role)
        self.logger = logger
        deadlines = DeadlineWatch(interval: .nanoseconds(settings.deadlineCheckInterval.nanoseconds), on: timers.next())
        state = Mutex(State(idle: Array((0..<settings.size).reversed()), connections: Array(repeating: nil, count: settings.size)))
        threads = NIOThreadPool(numberOfThreads: settings.size)
        threads.start()
        cancelThread = NIOThreadPool(numberOfThreads: 1)
        cancelThread.start()
    }

    /// Runs `work` with a connection of its own, on a pool thread, within `timeout`.
    ///
    /// `work` receives the slot's connection (connecting first when there is none). Its errors are
    /// rethrown as they are; a connection that cannot be made throws `PostgresError` (`connectionFailed`).
    /// `timeout` counts from when the call gets its connection, after any wait.
    /// - Throws: `PoolError.exhausted` when no connection frees up within the pool's wait,
    ///   `PoolError.timedOut` when `work` does not finish within `timeout`, `PoolError.closed` after `close()`.
    public func run<T: Sendable>(
        timeout: Duration,
        _ work: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let asked = ContinuousClock.now
        let admission: PoolError? = state.withLock { state in
            if state.closed { return .closed }
            let waits = state.admitted >= settings.size
            if waits && (state.admitted - settings.size >= settings.maximumWaiting || settings.maximumWait <= .zero) {
                return .exhausted
            }
            state.admitted += 1
            return nil
        }
        if let admission {
            if admission == .exhausted { metrics.rejected.increment() }
            throw admission
        }
        let outcome: Result<T, any Error> = await withCheckedContinuation { continuation in
            let call = QueuedCall(continuation)
            let waitDeadline = deadlines.expire(after: settings.maximumWait) {
                if call.abandon() { call.answer(.failure(PoolError.exhausted)) }
            }
            threads.submit { threadState in
                guard call.start() else {  // its wait ended first: already answered
                    self.end(returning: nil)
                    return
                }
                self.deadlines.clear(waitDeadline)
                guard case .active = threadState else {
                    self.end(returning: nil)
                    call.answer(.failure(PoolError.closed))
                    return
                }
                self.metrics.wait.recordNanoseconds(asked.duration(to: .now).nanoseconds)
                let cancellation = StatementCancellation()
                let timeoutDeadline = self.deadlines.expire(after: timeout) {
                    call.answer(.failure(PoolError.timedOut))
                    self.cancel(cancellation)
                }
                let slot = self.takeIdleSlot()
                let result = Result { () throws -> T in
                    let connection = try self.connection(in: slot)
                    guard cancellation.begin(on: connection) else { throw PoolError.timedOut }
                    return try work(connection)
                }
                cancellation.end()
                self.end(returning: slot)
                self.deadlines.clear(timeoutDeadline)
                call.answer(result)
            }
        }
        if case .failure(let error as PoolError) = outcome {
            switch error {
            case .exhausted: metrics.rejected.increment()
            case .timedOut: metrics.callTimeouts.increment()
            case .closed: break
            }
        }
        return try outcome.get()
    }

    /// Refuses new calls, lets queued and running ones end (queued ones are answered `closed`), and drops
    /// the connections.
    public func close() async {
        state.withLock { $0.closed = true }
        try? await threads.shutdownGracefully()
        // After the threads: a call still running when close began keeps its timeout until it ends, and
        // waits for its cancel request.
        deadlines.stop()
        try? await cancelThread.shutdownGracefully()
        state.withLock { $0.connections = $0.connections.map { _ in nil } }
    }

    /// Waits for the service group's graceful shutdown, then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    // MARK: - Cancelling

    /// Sends a timed-out call's cancel request on the cancel thread, when its work is running.
    private func cancel(_ cancellation: StatementCancellation) {
        guard let request = cancellation.startCancelling() else { return }
        cancelThread.submit { _ in
            // Sent even while the pool closes: the call's thread waits for it.
            let failure = request.connection.cancelRunningStatement()
            request.sent.signal()
            if let failure {
                self.metrics.cancelFailures.increment()
                self.logger.warning("could not cancel a timed-out statement on the \(self.role.rawValue): \(failure)")
            } else {
                self.metrics.statementsCancelled.increment()
            }
        }
    }

    // MARK: - Slots

    /// A slot for the call starting on this thread: there is always one, as no more calls run than threads.
    private func takeIdleSlot() -> Int {
        state.withLock { state in
            guard let slot = state.idle.popLast() else {
                preconditionFailure("more calls running than the pool has connections")
            }
            return slot
        }
    }

    /// Ends a call before it is answered, so that its caller's next call finds the room it left.
    private func end(returning slot: Int?) {
        state.withLock { state in
            if let slot { state.idle.append(slot) }
            state.admitted -= 1
        }
    }

    /// The slot's connection, made now when it has none (only the slot's holder calls this).
    private func connection(in slot: Int) throws(PostgresError) -> PostgresConnection {
        if let existing = state.withLock({ $0.connections[slot] }) { return existing }
        let made = try PostgresConnection(configuration: configuration, logger: logger)
        state.withLock { $0.connections[slot] = made }
        return made
    }
}
