import Hummingbird
import HTTPTypes
import Logging

/// The outermost middleware: turns every error into its JSON answer, echoes the request id in
/// `X-Request-Id`, logs one structured line per request and counts it in the metrics. Answers to HEAD
/// carry no body.
///
/// The request id is the client's `X-Request-Id` when it sent a usable one (`ClientRequestID`), so a caller
/// can follow its own id through the service's log; otherwise Hummingbird's. It is `hb.request.id` in every
/// log line of the request, and error bodies carry it too, so a client's report can be matched to the log.
/// Errors answered 5xx are logged with their detail (500 and 502 at error level, 503 at warning), never sent
/// to the client.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        if let clientID = ClientRequestID(request.headers[.requestID]) {
            context.logger[metadataKey: "hb.request.id"] = .string(clientID.value)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let answer = ServiceError.answering(error)
            if answer.status == .internalServerError || answer.status == .badGateway {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            } else if answer.status.code >= 500 {
                context.logger.warning("request not served", metadata: ["error": "\(error)"])
            }
            response = answer.response(requestID: context.id)
        }
        response.headers[.requestID] = context.id
        // A HEAD answer has the headers of the GET answer and never a body, errors included.
        if request.method == .head { response = response.createHeadResponse() }
        let duration = started.duration(to: .now)
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: response.status.code, duration: duration)
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "route": "\(route)",
            "status": "\(response.status.code)",
            "duration_ms": "\(Double(duration.nanoseconds) / 1_000_000)",
        ])
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`: the id of the request in the service's log (the client's own when usable).
    static let requestID = HTTPField.Name("X-Request-Id")!
}
