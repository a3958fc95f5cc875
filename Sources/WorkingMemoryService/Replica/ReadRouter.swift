import Logging
import PostgresStore
import Synchronization

/// Sends reads to the read replica when there is one, and to the primary when the replica cannot answer.
///
/// - Each read runs whole on one server, so a render sees one server's snapshot, never a mix.
/// - A read the replica fails for a reason the primary does not share (unreachable, too slow, a recovery
///   conflict, a user not yet replayed) is sent again to the primary, logged, and counted in
///   `wm_replica_fallbacks_total{reason}`. Other failures (a busy pool, a table that cannot be read) are
///   answered as they are: the primary would fail the same way, or should not take the replica's load.
/// - A replica that is unreachable or too slow is marked down for `retryInterval`: reads go straight to
///   the primary (reason `replica_down`), so a dead replica does not cost every request a connect timeout.
///   A successful lag sample (`ReplicaLagMonitor`) marks it up again sooner.
/// - A read that falls back may take up to twice its timeout: one for the replica, one for the primary.
///
/// What a caller sees: the replica lags the primary (`wm_replica_lag_seconds`), so an event written a moment
/// ago may be missing from a render read from the replica. Writes always go to the primary.
public final class ReadRouter: Sendable {
    public let primary: ConnectionPool
    public let replica: ConnectionPool?
    public let retryInterval: Duration
    private let metrics: ServiceMetrics
    private let logger: Logger
    /// Until when the replica is left alone after a failure (nil: it is up).
    private let downUntil = Mutex<ContinuousClock.Instant?>(nil)

    public init(
        primary: ConnectionPool, replica: ConnectionPool?, retryInterval: Duration, metrics: ServiceMetrics,
        logger: Logger = Logger(label: "wm.replica")
    ) {
        self.primary = primary
        self.replica = replica
        self.retryInterval = retryInterval
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs `work` on the replica, or on the primary (see the type's rules); rethrows what the chosen
    /// server's call throws (`ConnectionPool.run`).
    public func read<T: Sendable>(
        timeout: Duration,
        _ work: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        guard let replica else { return try await primary.run(timeout: timeout, work) }
        if isMarkedDown {
            metrics.recordReplicaFallback(.replicaDown)
            return try await primary.run(timeout: timeout, work)
        }
        do {
            return try await replica.run(timeout: timeout, work)
        } catch {
            guard let reason = ReplicaFallbackReason(serviceReadFailure: error) else { throw error }
            metrics.recordReplicaFallback(reason)
            if reason.marksReplicaDown {
                markDown(after: error)  // logs once per outage; later reads count as replica_down
            } else {
                logger.info("read answered by the primary: \(reason.rawValue) on the replica")
            }
            return try await primary.run(timeout: timeout, work)
        }
    }

    /// True while a recent failure keeps reads off the replica.
    var isMarkedDown: Bool {
        downUntil.withLock { until in
            guard let end = until else { return false }
            if ContinuousClock.now >= end { until = nil }
            return until != nil
        }
    }

    /// Leaves the replica alone for `retryInterval`; logs when it was up until now.
    func markDown(after error: any Error) {
        let wasUp = downUntil.withLock { until in
            defer { until = ContinuousClock.now + retryInterval }
            return until == nil
        }
        if wasUp {
            logger.warning("read replica failed (\(error)); reads go to the primary, the replica is tried again in \(retryInterval)")
        }
    }

    /// Sends reads to the replica again (it answered a lag sample).
    func markUp() {
        let wasDown = downUntil.withLock { until in
            defer { until = nil }
            return until != nil
        }
        if wasDown { logger.notice("read replica answers again; reads go to it") }
    }
}
