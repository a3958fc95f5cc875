import Hummingbird

/// The service's paths and the methods each supports, for 405 answers: a request for a known path with a
/// method it does not support gets 405 with `Allow`, not 404 (RFC 9110, section 15.5.6).
///
/// Paths are OpenAPI-style templates (`/v1/users/{id}/activity`), where `{name}` matches one non-empty
/// segment as the router's `:name` does. Every GET path supports HEAD too (the router answers HEAD as GET
/// without a body). A test checks that this table equals the router's routes.
struct AllowedMethods: Sendable {
    /// The path templates and the methods registered for each, as given (without the generated HEAD).
    let routes: [(path: String, methods: [HTTPRequest.Method])]
    private let entries: [(segments: [Substring], methods: [HTTPRequest.Method])]

    /// `routes`: each path template with the methods registered for it (HEAD is added to GET paths).
    init(_ routes: [(path: String, methods: [HTTPRequest.Method])]) {
        self.routes = routes
        entries = routes.map { route in
            let methods = route.methods.contains(.get) && !route.methods.contains(.head) ? route.methods + [.head] : route.methods
            return (route.path.split(separator: "/"), methods)
        }
    }

    /// The methods `path` supports, or nil when no template matches it.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        for entry in entries where entry.segments.count == segments.count {
            let matches = zip(entry.segments, segments).allSatisfy { template, segment in
                (template.first == "{" && template.last == "}") || template == segment
            }
            if matches { return entry.methods }
        }
        return nil
    }
}

/// Answers 405 with `Allow` when the router found no route for a known path's method.
///
/// Runs inside `RequestLogMiddleware`, so the 405 is logged, counted and answered as JSON like any error.
/// A request the router matched passes through untouched: the table is read only after a 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = allowed.methods(for: request.uri.path), !methods.contains(request.method) else { throw error }
            throw ServiceError.methodNotAllowed(request.method, allow: methods)
        }
    }
}
