/// An error from PostgreSQL or from talking to it.
///
/// Carries what a user needs to fix the problem: a kind, the SQLSTATE when the server sent one, the
/// server's primary message and detail. Its description never contains the connection string, so it
/// never leaks a password.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely; decides the CLI's exit code.
    public enum Kind: String, Sendable, Equatable {
        /// The server could not be reached, or the connection broke.
        case connectionFailed
        /// The server rejected a statement.
        case statementFailed
        /// The statement ran longer than the statement timeout.
        case timedOut
        /// A value in a result could not be decoded into the requested Swift type.
        case decodingFailed
        /// A migration file or the migration history is not as expected.
        case migrationFailed
    }

    public var kind: Kind
    /// The five-character SQLSTATE, e.g. `23503`, when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?

    public init(_ kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
