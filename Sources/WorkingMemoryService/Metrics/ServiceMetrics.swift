import Metrics
import PostgresStore
import Prometheus
import SourceData
import Synchronization
import WorkingMemory

/// The service's metrics (swift-metrics, kept in its own Prometheus registry) and their text for `/metrics`.
///
/// Each service instance has its own registry, so several services in one process (as in the tests) never
/// share or double-count; nothing is bootstrapped globally. Metric names:
/// - `wm_http_requests_total{method,route,status}` and `wm_http_request_duration_seconds{method,route}`;
/// - per pool, labelled `server="primary"` or `server="replica"`: `wm_pool_wait_seconds`,
///   `wm_pool_rejected_total`, `wm_pool_call_timeouts_total`, `wm_pool_statements_cancelled_total` (cancel
///   requests sent for timed-out calls) and `wm_pool_cancel_failures_total`;
/// - `wm_replica_fallbacks_total{reason}`: reads meant for the replica that the primary answered;
///   `wm_replica_lag_seconds` and `wm_replica_up` (see `ReplicaLagMonitor`);
/// - `wm_failed_sources_total{source}`: tables a render could not read;
/// - `wm_source_integrity_failures_total{source}`: reads refused because a table returned a row of another
///   user (answered 502 `source_integrity`, nothing rendered or cached);
/// - the render cache: `wm_render_cache_hits_total`, `wm_render_cache_misses_total{reason}` (`absent`: no
///   entry; `changed`: the data version moved on; `expired`: the entry's time ran out, see `valid_until`),
///   `wm_render_cache_bypassed_total{reason}` (`explicit_now`, `disabled`, `uncacheable`: no data version or
///   a failed source), `wm_render_cache_evictions_total`, and the gauges `wm_render_cache_bytes` and
///   `wm_render_cache_entries`;
/// - `wm_activity_events_written_total`, `wm_activity_writes_rejected_total{reason}`.
public final class ServiceMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    let eventsWritten: Metrics.Counter
    /// Made on first use, so that a service without a replica shows none.
    private let replicaGauges = Mutex<(lag: Metrics.Gauge, up: Metrics.Gauge)?>(nil)
    private let cache = Mutex<[String: Metrics.Counter]>([:])
    private let timers = Mutex<[String: Metrics.Timer]>([:])

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2_500), .seconds(5),
        ]
        self.factory = factory
        eventsWritten = Metrics.Counter(label: "wm_activity_events_written_total", factory: factory)
    }

    /// The metrics of the pool connected to `role`'s server.
    func pool(_ role: DatabaseRole) -> PoolMetrics {
        let server = [("server", role.rawValue)]
        return PoolMetrics(
            wait: timer("wm_pool_wait_seconds", server),
            rejected: counter("wm_pool_rejected_total", server),
            callTimeouts: counter("wm_pool_call_timeouts_total", server),
            statementsCancelled: counter("wm_pool_statements_cancelled_total", server),
            cancelFailures: counter("wm_pool_cancel_failures_total", server)
        )
    }

    /// Records one lag sample of the replica: whether it answered, and its lag when it did.
    func recordReplica(up: Bool, lagSeconds: Double?) {
        let gauges = replicaGauges.withLock { gauges in
            if let gauges { return gauges }
            let made = (
                lag: Metrics.Gauge(label: "wm_replica_lag_seconds", factory: factory),
                up: Metrics.Gauge(label: "wm_replica_up", factory: factory)
            )
            gauges = made
            return made
        }
        gauges.up.record(up ? 1 : 0)
        if let lagSeconds { gauges.lag.record(lagSeconds) }
    }

    /// Counts a read meant for the replica that the primary answered, by why.
    func recordReplicaFallback(_ reason: ReplicaFallbackReason) {
        counter("wm_replica_fallbacks_total", [("reason", reason.rawValue)]).increment()
    }

    /// Counts one answered request and its duration, by method, route template (not the raw path) and status.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        counter("wm_http_requests_total", [("method", method), ("route", route), ("status", String(status))])
            .increment()
        timer("wm_http_request_duration_seconds", [("method", method), ("route", route)])
            .recordNanoseconds(duration.nanoseconds)
    }

    /// The render cache's counters and gauges.
    func renderCache() -> RenderCacheMetrics {
        RenderCacheMetrics(
            hits: counter("wm_render_cache_hits_total", []),
            absent: counter("wm_render_cache_misses_total", [("reason", "absent")]),
            changed: counter("wm_render_cache_misses_total", [("reason", "changed")]),
            expired: counter("wm_render_cache_misses_total", [("reason", "expired")]),
            evictions: counter("wm_render_cache_evictions_total", []),
            bytes: Metrics.Gauge(label: "wm_render_cache_bytes", factory: factory),
            entries: Metrics.Gauge(label: "wm_render_cache_entries", factory: factory),
            bypassed: { reason in self.counter("wm_render_cache_bypassed_total", [("reason", reason.rawValue)]) }
        )
    }

    /// Counts the tables a render could not read.
    func recordFailedSources(_ failed: [FailedSource]) {
        for source in failed {
            counter("wm_failed_sources_total", [("source", source.table.rawValue)]).increment()
        }
    }

    /// Counts a read refused because `table` returned a row of another user.
    func recordSourceIntegrityFailure(_ table: SnapshotTable) {
        counter("wm_source_integrity_failures_total", [("source", table.rawValue)]).increment()
    }

    /// Counts an activity write refused before or by the database, by a stable reason code.
    func recordRejectedWrite(reason: String) {
        counter("wm_activity_writes_rejected_total", [("reason", reason)]).increment()
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        registry.emitToString()
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> Metrics.Counter {
        let key = Self.key(label, dimensions)
        return cache.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Metrics.Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }

    private func timer(_ label: String, _ dimensions: [(String, String)]) -> Metrics.Timer {
        let key = Self.key(label, dimensions)
        return timers.withLock { timers in
            if let timer = timers[key] { return timer }
            let timer = Metrics.Timer(label: label, dimensions: dimensions, factory: factory)
            timers[key] = timer
            return timer
        }
    }

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        dimensions.reduce(into: label) { $0 += "\u{0}\($1.0)=\($1.1)" }
    }
}

/// The render cache's metrics (see `ServiceMetrics`).
struct RenderCacheMetrics: Sendable {
    let hits: Metrics.Counter
    let absent: Metrics.Counter
    let changed: Metrics.Counter
    let expired: Metrics.Counter
    let evictions: Metrics.Counter
    let bytes: Metrics.Gauge
    let entries: Metrics.Gauge
    let bypassed: @Sendable (CacheBypass) -> Metrics.Counter

    func recordSize(bytes: Int, entries: Int) {
        self.bytes.record(bytes)
        self.entries.record(entries)
    }

    func recordEvictions(_ count: Int) {
        if count > 0 { evictions.increment(by: count) }
    }
}

/// Why a request was answered without the cache.
enum CacheBypass: String, Sendable {
    /// The request named its own `now`: an answer for another time than the clock's.
    case explicitNow = "explicit_now"
    /// The cache is off (`--cache-bytes 0`).
    case disabled
    /// The answer cannot be checked later: the source read no data version, or a table failed.
    case uncacheable
}

/// One connection pool's metrics.
struct PoolMetrics: Sendable {
    let wait: Metrics.Timer
    let rejected: Metrics.Counter
    let callTimeouts: Metrics.Counter
    let statementsCancelled: Metrics.Counter
    let cancelFailures: Metrics.Counter
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }
}
