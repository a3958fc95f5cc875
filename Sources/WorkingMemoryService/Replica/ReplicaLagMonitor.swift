import Logging
import PostgresStore
import ServiceLifecycle

/// Measures how far the read replica lags the primary, for `/metrics`, and brings a replica marked down
/// back into use once it answers.
///
/// Every `interval` it asks the replica (through its pool, within the pool's read timeout) and sets
/// `wm_replica_lag_seconds` (0 when it has replayed all it received, else the age of the last transaction
/// it replayed; a replica that is not in recovery counts as 0) and `wm_replica_up` (1 or 0). Run it in the
/// service group: it stops at graceful shutdown.
public struct ReplicaLagMonitor: Service {
    public let router: ReadRouter
    public let interval: Duration
    private let metrics: ServiceMetrics

    static let lagQuery: PostgresQuery = """
        SELECT CASE
            WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)
        END::float8 AS lag_seconds
        """

    public init(router: ReadRouter, interval: Duration, metrics: ServiceMetrics) {
        self.router = router
        self.interval = interval
        self.metrics = metrics
    }

    /// Samples until graceful shutdown. Without a replica it only waits: a service that returns early
    /// would end the whole service group.
    public func run() async throws {
        guard router.replica != nil else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = await sample()
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Takes one sample now; returns the lag in seconds, or nil when the replica did not answer.
    @discardableResult
    public func sample() async -> Double? {
        guard let replica = router.replica else { return nil }
        do {
            let lag = try await replica.run(timeout: replica.settings.readTimeout) { connection in
                try connection.query(Self.lagQuery).rows[0].decode(Double.self, "lag_seconds")
            }
            metrics.recordReplica(up: true, lagSeconds: lag)
            router.markUp()
            return lag
        } catch {
            metrics.recordReplica(up: false, lagSeconds: nil)
            return nil
        }
    }
}
