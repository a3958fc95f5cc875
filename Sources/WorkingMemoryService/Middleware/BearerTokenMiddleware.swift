import Hummingbird

/// Refuses a request (401) unless it sends `Authorization: Bearer <token>` with the service's token.
///
/// The comparison takes the same time whatever the sent value is, for a given service token, so timing
/// does not reveal how much of a guess was right.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let expected: [UInt8]

    init(token: String) {
        expected = Array(token.utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.utf8.count > 7,
              header.prefix(7).lowercased() == "bearer ",
              Self.constantTimeEqual(Array(header.utf8.dropFirst(7)), expected)
        else { throw ServiceError.unauthorized }
        return try await next(request, context)
    }

    /// True when `given` equals `expected`, in time that depends only on `expected`'s length.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
