import Logging
import Synchronization

/// A connection to PostgreSQL that many tasks may share: a mutex lets one task at a time use it.
///
/// Calls block the calling thread while the server works (libpq is synchronous); statements from different
/// tasks are serialised, never interleaved. For several statements that must run together (a transaction,
/// an advisory lock) use `withSession`.
public final class PostgresConnection: Sendable {
    private let session: Mutex<PostgresSession>
    private let cancelSlot: StatementCancelSlot
    /// Host, port, database and user; never the password.
    public let description: String

    /// Connects, or throws `PostgresError` of kind `connectionFailed` within the connect timeout.
    public init(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "wm.postgres")
    ) throws(PostgresError) {
        let cancelSlot = StatementCancelSlot()
        session = Mutex(try PostgresSession(configuration: configuration, logger: logger, cancelSlot: cancelSlot))
        self.cancelSlot = cancelSlot
        description = configuration.description
    }

    /// Runs one parameterised statement; see `PostgresSession.query`.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        try session.withLock { session throws(PostgresError) in try session.query(query) }
    }

    /// Sends the statements in one round trip; see `PostgresSession.pipeline`.
    public func pipeline(
        _ queries: [PostgresQuery], transactions: PipelineTransactions = .perStatement
    ) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try session.withLock { session throws(PostgresError) in try session.pipeline(queries, transactions: transactions) }
    }

    /// Asks the server to cancel the statement this connection is running, from any thread.
    ///
    /// Does not wait for the lock that the running statement holds. It blocks until the server has taken
    /// the request (a connection to the server and back), so call it off the event loops; libpq 15's
    /// `PQcancel` has no timeout of its own, so toward a host that does not answer at all it blocks until
    /// TCP gives up. A request that
    /// arrives when no statement runs does nothing; one that arrives as a statement ends may cancel the next
    /// statement on this connection, so callers stop using the connection until it returns (the pool does).
    /// - Returns: nil when the request was sent, else why not.
    @discardableResult
    public func cancelRunningStatement() -> String? {
        guard let key = cancelSlot.key else { return "the connection has no server connection to cancel on" }
        return key.send()
    }

    /// Gives `body` exclusive use of the session for several statements.
    ///
    /// The session must not escape `body`.
    public func withSession<T: Sendable>(_ body: (PostgresSession) throws -> T) throws -> T {
        try session.withLock { session in try body(session) }
    }
}
