import Logging
import Synchronization

/// A connection to PostgreSQL that many tasks may share: a mutex lets one task at a time use it.
///
/// Calls block the calling thread while the server works (libpq is synchronous); statements from different
/// tasks are serialised, never interleaved. For several statements that must run together (a transaction,
/// an advisory lock) use `withSession`.
public final class PostgresConnection: Sendable {
    private let session: Mutex<PostgresSession>
    /// Host, port, database and user; never the password.
    public let description: String

    /// Connects, or throws `PostgresError` of kind `connectionFailed` within the connect timeout.
    public init(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "wm.postgres")
    ) throws(PostgresError) {
        session = Mutex(try PostgresSession(configuration: configuration, logger: logger))
        description = configuration.description
    }

    /// Runs one parameterised statement; see `PostgresSession.query`.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        try session.withLock { session throws(PostgresError) in try session.query(query) }
    }

    /// Sends the statements in one round trip; see `PostgresSession.pipeline`.
    public func pipeline(_ queries: [PostgresQuery], isolated: Bool = true) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try session.withLock { session throws(PostgresError) in try session.pipeline(queries, isolated: isolated) }
    }

    /// Gives `body` exclusive use of the session for several statements.
    ///
    /// The session must not escape `body`.
    public func withSession<T: Sendable>(_ body: (PostgresSession) throws -> T) throws -> T {
        try session.withLock { session in try body(session) }
    }
}
