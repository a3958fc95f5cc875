import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WorkingMemory

/// The HTTP service over the library: its routes, middleware and shared parts.
///
/// Build the router with `makeRouter()` (tests drive it in-process) or the whole application with
/// `makeApplication(host:port:)`; run `services` and then the application in one `ServiceGroup` so that a
/// SIGTERM stops accepting requests, lets running ones finish, then closes the pools (see `wm serve`).
/// Without a service group, call `close()` when done.
/// Routes: `GET /v1/users/{id}/working-memory`, `POST /v1/activity`, `GET /v1/users/{id}/activity` (all
/// behind the bearer token when one is set), `GET /healthz`, `GET /readyz`, `GET /metrics` (openapi.yaml).
public struct WorkingMemoryService: Sendable {
    public let configuration: ServiceConfiguration
    /// The primary's pool: writes, readiness, and reads when there is no replica.
    public let pool: ConnectionPool
    /// Where reads go: the replica's pool when there is one, with the primary behind it.
    public let reads: ReadRouter
    public let lagMonitor: ReplicaLagMonitor
    public let catalog: RendererCatalog
    public let metrics: ServiceMetrics
    public let authentication: ServiceAuthentication
    /// Rendered answers, checked against the user's data version on every request.
    let cache: RenderCache
    let cacheMetrics: RenderCacheMetrics
    let clock: ServiceClock

    /// Creates the pools (no connection is made until a request needs one).
    public init(
        configuration: ServiceConfiguration,
        catalog: RendererCatalog,
        authentication: ServiceAuthentication,
        metrics: ServiceMetrics = ServiceMetrics(),
        clock: ServiceClock = .system,
        logger: Logger = Logger(label: "wm.serve")
    ) {
        self.configuration = configuration
        self.clock = clock
        cacheMetrics = metrics.renderCache()
        cache = RenderCache(capacityBytes: configuration.cacheBytes, metrics: cacheMetrics)
        self.catalog = catalog
        self.metrics = metrics
        self.authentication = authentication
        pool = ConnectionPool(
            configuration: configuration.bounded(configuration.database), settings: configuration.pool, metrics: metrics,
            role: .primary, logger: logger
        )
        let replica = configuration.readReplica.map {
            ConnectionPool(configuration: configuration.bounded($0), settings: configuration.pool, metrics: metrics, role: .replica, logger: logger)
        }
        reads = ReadRouter(primary: pool, replica: replica, retryInterval: configuration.replicaRetryInterval, metrics: metrics, logger: logger)
        lagMonitor = ReplicaLagMonitor(router: reads, interval: configuration.replicaLagInterval, metrics: metrics)
    }

    /// The parts to run in a `ServiceGroup` before the application: the pools (closed at shutdown) and,
    /// with a replica, its lag monitor.
    public var services: [any Service] {
        guard let replica = reads.replica else { return [pool] }
        return [pool, replica, lagMonitor]
    }

    /// Closes the pools, for callers that run no service group.
    public func close() async {
        await pool.close()
        await reads.replica?.close()
    }

    /// The paths the router serves and the methods of each (HEAD is answered on every GET path).
    static let allowedMethods = AllowedMethods([
        (HealthRoutes.healthPath, [.get]),
        (HealthRoutes.readyPath, [.get]),
        (HealthRoutes.metricsPath, [.get]),
        (WorkingMemoryRoute.path, [.get]),
        (ActivityRoutes.writePath, [.post]),
        (ActivityRoutes.recentPath, [.get]),
    ])

    /// The router: error answers, request logs and metrics around every route; the token check around `/v1`.
    /// A known path with another method is 405 with `Allow`; HEAD on a GET route answers as GET without a body.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: MethodNotAllowedMiddleware(allowed: Self.allowedMethods))

        let health = HealthRoutes(pool: pool, metrics: metrics)
        router.get(RouterPath(HealthRoutes.healthPath), use: health.health)
        router.get(RouterPath(HealthRoutes.readyPath), use: health.ready)
        router.get(RouterPath(HealthRoutes.metricsPath), use: health.exposition)

        let v1 = router.group()
        if case .bearer(let token) = authentication {
            v1.add(middleware: BearerTokenMiddleware(token: token))
        }
        let workingMemory = WorkingMemoryRoute(
            reads: reads, catalog: catalog, cache: cache, clock: clock, metrics: metrics, cacheMetrics: cacheMetrics
        )
        let activity = ActivityRoutes(pool: pool, reads: reads, metrics: metrics)
        v1.get(Self.routerPath(WorkingMemoryRoute.path), use: workingMemory.respond)
        v1.post(Self.routerPath(ActivityRoutes.writePath), use: activity.write)
        v1.get(Self.routerPath(ActivityRoutes.recentPath), use: activity.recent)
        return router
    }

    /// The application listening on `host:port` (port 0 picks a free one; `onServerRunning` learns it).
    public func makeApplication(
        host: String,
        port: Int,
        logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "wm"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// An OpenAPI-style path (`{id}`) as a Hummingbird route (`:id`).
    static func routerPath(_ path: String) -> RouterPath {
        RouterPath(path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))
    }
}
