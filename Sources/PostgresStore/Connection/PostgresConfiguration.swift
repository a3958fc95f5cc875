import CLibPQ

/// Where and how to connect: a libpq conninfo string or URI, plus the timeouts the store enforces.
///
/// Resolution order for the connection string: an explicit value (`--database-url`), else the
/// `DATABASE_URL` environment variable, else the empty string, which makes libpq use its own `PG*`
/// environment defaults. The connection string is never printed: `description` shows only host,
/// port, database and user.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// The conninfo string or `postgresql://` URI as given. Treat as secret: it may hold a password.
    public let connectionString: String
    /// Seconds libpq waits to establish a connection before failing.
    public var connectTimeoutSeconds: Int
    /// Milliseconds a statement may run before the server cancels it (`statement_timeout`).
    public var statementTimeoutMilliseconds: Int
    /// Whether a transaction-mode pooler sits between this client and the server (default: none).
    public var pooler: PoolerMode

    /// Creates a configuration from a conninfo string or URI, checking its syntax with libpq.
    ///
    /// - Throws: `PostgresError` of kind `connectionFailed` when libpq cannot parse the string; the error
    ///   repeats libpq's reason, never the string itself.
    public init(
        connectionString: String,
        connectTimeoutSeconds: Int = 5,
        statementTimeoutMilliseconds: Int = 5_000,
        pooler: PoolerMode = .none
    ) throws(PostgresError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                .connectionFailed,
                message: "invalid database URL: \(reason.trimmingTrailingWhitespace())"
            )
        }
        PQconninfoFree(options)
        self.connectionString = connectionString
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.pooler = pooler
    }

    /// Resolves the connection string from an explicit value, else `DATABASE_URL`, else libpq's defaults.
    public static func resolve(
        explicit: String?,
        environment: [String: String]
    ) throws(PostgresError) -> PostgresConfiguration {
        if let explicit { return try PostgresConfiguration(connectionString: explicit) }
        if let fromEnvironment = environment["DATABASE_URL"], !fromEnvironment.isEmpty {
            return try PostgresConfiguration(connectionString: fromEnvironment)
        }
        return try PostgresConfiguration(connectionString: "")
    }

    /// Host, port, database and user of the connection string, without the password.
    public var description: String {
        let fields = Self.parsedFields(of: connectionString)
        let host = fields["host"] ?? fields["hostaddr"] ?? "(libpq default host)"
        let port = fields["port"].map { ":\($0)" } ?? ""
        let database = fields["dbname"] ?? "(default database)"
        let user = fields["user"].map { "\($0)@" } ?? ""
        return "postgresql://\(user)\(host)\(port)/\(database)"
    }

    static func parsedFields(of connectionString: String) -> [String: String] {
        guard let options = PQconninfoParse(connectionString, nil) else { return [:] }
        defer { PQconninfoFree(options) }
        var fields: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                fields[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        return fields
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
