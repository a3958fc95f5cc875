import Hummingbird
import Logging
import NIOCore
import WorkingMemory

/// The HTTP service over the library: its routes, middleware and shared parts.
///
/// Build the router with `makeRouter()` (tests drive it in-process) or the whole application with
/// `makeApplication(host:port:)`; run the application and the pool in one `ServiceGroup` so that a SIGTERM
/// stops accepting requests, lets running ones finish, then closes the pool (see `wm serve`).
/// Routes: `GET /v1/users/{id}/working-memory`, `POST /v1/activity`, `GET /v1/users/{id}/activity` (all
/// behind the bearer token when one is set), `GET /healthz`, `GET /readyz`, `GET /metrics` (openapi.yaml).
public struct WorkingMemoryService: Sendable {
    public let pool: ConnectionPool
    public let catalog: RendererCatalog
    public let metrics: ServiceMetrics
    public let authentication: ServiceAuthentication

    public init(pool: ConnectionPool, catalog: RendererCatalog, metrics: ServiceMetrics, authentication: ServiceAuthentication) {
        self.pool = pool
        self.catalog = catalog
        self.metrics = metrics
        self.authentication = authentication
    }

    /// The router: error answers, request logs and metrics around every route; the token check around `/v1`.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware(metrics: metrics))

        let health = HealthRoutes(pool: pool, metrics: metrics)
        router.get(RouterPath(HealthRoutes.healthPath), use: health.health)
        router.get(RouterPath(HealthRoutes.readyPath), use: health.ready)
        router.get(RouterPath(HealthRoutes.metricsPath), use: health.exposition)

        let v1 = router.group()
        if case .bearer(let token) = authentication {
            v1.add(middleware: BearerTokenMiddleware(token: token))
        }
        let workingMemory = WorkingMemoryRoute(pool: pool, catalog: catalog, metrics: metrics)
        let activity = ActivityRoutes(pool: pool, metrics: metrics)
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
