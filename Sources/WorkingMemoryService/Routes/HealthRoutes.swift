import Hummingbird
import PostgresStore
import WorkingMemory

/// `GET /healthz` (the process answers), `GET /readyz` (the database answers) and `GET /metrics`.
///
/// None of them requires the bearer token: they say nothing about any user.
struct HealthRoutes: Sendable {
    static let healthPath = "/healthz"
    static let readyPath = "/readyz"
    static let metricsPath = "/metrics"

    let pool: ConnectionPool
    let metrics: ServiceMetrics

    func health(_ request: Request, context: some RequestContext) -> Response {
        Responses.json(.object(["status": "ok"]))
    }

    /// 200 when `SELECT 1` succeeds within the read timeout, else 503 `database_unavailable`.
    func ready(_ request: Request, context: some RequestContext) async throws -> Response {
        _ = try await pool.run(timeout: pool.settings.readTimeout) { connection in
            try connection.query("SELECT 1").rows.count
        }
        return Responses.json(.object(["status": "ready"]))
    }

    func exposition(_ request: Request, context: some RequestContext) -> Response {
        Responses.body(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
