/// How the server connection behind a libpq connection is shared, which decides what a session may keep.
///
/// Use `.transaction` behind a transaction-mode pooler: Supabase's Supavisor on port 6543, PgBouncer with
/// `pool_mode = transaction`. There the server connection is the client's only until its transaction ends,
/// and whatever a session leaves on it (a `SET`, a named prepared statement, a session advisory lock) shows
/// up in another client's transaction, or is missing from this client's next one.
public enum PoolerMode: String, Sendable, CaseIterable {
    /// A direct connection, or a session-mode pooler (Supavisor on port 5432, PgBouncer `pool_mode =
    /// session`): the server connection is this session's for its whole life. Settings are made once when
    /// connecting, and statements run on every request are prepared once under a name.
    case none
    /// A transaction-mode pooler: nothing is left on the server connection. Statements are unnamed
    /// (extended protocol, still pipelined in one round trip), and each transaction sets what it relies on
    /// with `set_config(…, true)`, which ends with the transaction.
    case transaction

    /// The environment variable the command line reads the mode from when `--pooler` is not given.
    public static let environmentKey = "WM_POOLER"
}
