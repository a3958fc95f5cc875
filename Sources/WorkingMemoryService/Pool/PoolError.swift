/// Why the pool did not run a database call.
public enum PoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every connection stayed busy for the pool's whole wait, or too many requests were already waiting.
    case exhausted
    /// The call did not finish within its timeout (its connection stays busy until it does).
    case timedOut
    /// The pool is shut down.
    case closed

    public var description: String {
        switch self {
        case .exhausted: "every database connection is busy"
        case .timedOut: "the database call did not finish in time"
        case .closed: "the connection pool is shut down"
        }
    }
}
