import Hummingbird
import SourceData
import WireFormats
import WorkingMemory

/// An error answered as a JSON body: `{"error": {"code", "message", "request_id"}}`.
///
/// The message is written for the caller and never holds SQL, a stack trace or a connection string: errors
/// from the database are answered with fixed messages (their detail goes to the log only). `code` is stable
/// and meant for programs; `message` is for people.
public struct ServiceError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid_event` or `database_unavailable`.
    public let code: String
    public let message: String
    /// Seconds a client should wait before retrying (sent as `Retry-After`), for 503 answers.
    public let retryAfterSeconds: Int?
    /// The methods the path supports (sent as `Allow`), for 405 answers.
    public private(set) var allow: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The response: the JSON body, `Retry-After` when set, and `WWW-Authenticate` for 401.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(requestID: context.id)
    }

    /// The response for a request whose id is `requestID`.
    func response(requestID: String) -> Response {
        let body = JSONValue.object([
            "error": .object([
                "code": .string(code),
                "message": .string(message),
                "request_id": .string(requestID),
            ]),
        ]).jsonText + "\n"
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let allow { headers[.allow] = allow }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension ServiceError {
    /// 400: the request itself is malformed (not JSON, a bad path or query parameter).
    static func badRequest(_ code: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, code: code, message: message)
    }

    /// 422: well-formed JSON whose content is refused (an invalid event, a batch too large).
    static func unprocessable(_ code: String, _ message: String) -> ServiceError {
        ServiceError(.unprocessableContent, code: code, message: message)
    }

    /// 401: no bearer token, or the wrong one.
    static let unauthorized = ServiceError(
        .unauthorized, code: "unauthorized", message: "send Authorization: Bearer <token> with the service's token"
    )

    /// 413: a body over the service's limit.
    static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(.contentTooLarge, code: "body_too_large", message: "request bodies are limited to \(limit) bytes")
    }

    /// 405: the path exists but does not support the request's method; `Allow` lists the ones it does.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allow: [HTTPRequest.Method]) -> ServiceError {
        let allowed = allow.map(\.rawValue).joined(separator: ", ")
        var error = ServiceError(
            .methodNotAllowed, code: "method_not_allowed", message: "this path does not support \(method.rawValue); use \(allowed)"
        )
        error.allow = allowed
        return error
    }

    /// 503: the database could not be reached or did not answer in time.
    static let databaseUnavailable = ServiceError(
        .serviceUnavailable, code: "database_unavailable",
        message: "the database is unavailable or did not answer in time; retry later", retryAfterSeconds: 1
    )

    /// 503: every connection is busy and none became free within the pool's wait.
    static let poolExhausted = ServiceError(
        .serviceUnavailable, code: "overloaded",
        message: "every database connection is busy; retry later", retryAfterSeconds: 1
    )

    /// 502: the database answered the user's read with a row of another user (`SourceError.rowOfAnotherUser`),
    /// so nothing was rendered and nothing is cached. The row's id is in the log, never in the answer, and
    /// the other user's id is in neither.
    static func sourceIntegrity(table: SnapshotTable) -> ServiceError {
        ServiceError(
            .badGateway, code: "source_integrity",
            message: "the database returned a row of another user (table \(table.rawValue)); nothing was rendered. "
                + "The database must be fixed before a retry can succeed; the log has the row under the request id"
        )
    }

    /// 500: something unexpected; the detail is in the log under the request id.
    static let internalError = ServiceError(
        .internalServerError, code: "internal_error", message: "internal error; the log has the detail under the request id"
    )
}
