/// Whether `/v1` routes require a bearer token, decided once at start.
///
/// `resolve` enforces the start rule: a token from `WM_SERVICE_TOKEN` is required, unless authentication is
/// switched off explicitly (`--no-auth`) and the service listens on a loopback address only.
public enum ServiceAuthentication: Sendable {
    /// Every `/v1` request must send `Authorization: Bearer <token>` with this token.
    case bearer(token: String)
    /// No authentication (loopback only).
    case none

    /// The environment variable that holds the token.
    public static let tokenVariable = "WM_SERVICE_TOKEN"

    /// The authentication for a service listening on `host`.
    ///
    /// - Parameters:
    ///   - token: the value of `WM_SERVICE_TOKEN` (empty counts as unset).
    ///   - disabled: true for `--no-auth`.
    /// - Throws: `ServiceStartError` when there is no token and authentication is not disabled, or when it is
    ///   disabled on a host that is not loopback.
    public static func resolve(token: String?, disabled: Bool, host: String) throws(ServiceStartError) -> ServiceAuthentication {
        if disabled {
            guard isLoopback(host) else { throw .noAuthOffLoopback(host: host) }
            return .none
        }
        guard let token, !token.isEmpty else { throw .missingToken }
        return .bearer(token: token)
    }

    /// True for `localhost`, `::1` and addresses in 127.0.0.0/8.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part) != nil }
    }
}

/// Why the service refuses to start.
public enum ServiceStartError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingToken
    case noAuthOffLoopback(host: String)

    public var description: String {
        switch self {
        case .missingToken:
            return "\(ServiceAuthentication.tokenVariable) is not set: set it to the bearer token clients must send, "
                + "or pass --no-auth with a loopback --host for local use"
        case .noAuthOffLoopback(let host):
            return "--no-auth is only allowed with a loopback --host (127.0.0.1, ::1, localhost), not \(host)"
        }
    }
}
