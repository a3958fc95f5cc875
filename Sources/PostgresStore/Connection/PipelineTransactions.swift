/// How the statements of one pipeline share transactions.
public enum PipelineTransactions: Sendable {
    /// A sync point after each statement: each runs in a transaction of its own, so one that fails leaves
    /// the others unharmed.
    case perStatement
    /// One sync point: all run in one transaction, and after a failing statement the later ones are not run
    /// (their outcome is a `statementFailed` error saying so). Each statement still sees the data committed
    /// when it starts (READ COMMITTED).
    case single
    /// One read-only `REPEATABLE READ` transaction: every statement sees the same snapshot of the data, as
    /// of the first one. Works on a hot standby. After a failing statement the later ones are not run.
    case readOnlySnapshot
    /// `readOnlySnapshot`, with `ACCESS SHARE` locks on `tables` taken before the snapshot (`LOCK TABLE`
    /// takes none). `TRUNCATE` is not MVCC-safe: a snapshot taken before one commits would see the table
    /// already empty while every other table (and a version kept in one) is still as before. Locking first
    /// waits for a running `TRUNCATE` to end, so the snapshot sees all of it or none. Names are code's own,
    /// never a caller's; on a hot standby `ACCESS SHARE` is allowed.
    case readOnlySnapshotLocking(tables: [String])
}

/// The statements a pipeline sends on the wire: the caller's, with the transaction control and session
/// settings the session adds around them, and where the sync points go.
struct PipelinePlan {
    struct Statement {
        let query: PostgresQuery
        /// False for a statement the session added; its outcome is not returned to the caller.
        let isCallers: Bool
        /// True when a sync point follows: the end of an implicit transaction.
        var syncs: Bool
        /// For a statement the session added: true when a timeout that cancels it can only be one another
        /// client left on the server connection (`BEGIN`, the settings), so the caller's statements after it
        /// may be sent again; false for one that may wait for good reason (`LOCK TABLE`).
        var retriesWhenCancelled = true
    }

    private(set) var statements: [Statement] = []

    /// - Parameters:
    ///   - openTransaction: the session is inside `BEGIN` … `COMMIT` already: no transaction is begun.
    ///   - localSettings: sent first in every transaction (behind a transaction pooler), or nil. Before
    ///     locks they are `SET LOCAL` statements (no snapshot), so that a timeout cancelling a lock is the
    ///     session's own; otherwise the one `set_config` statement.
    init(queries: [PostgresQuery], transactions: PipelineTransactions, openTransaction: Bool, localSettings: SessionSettings?) {
        var snapshot = false
        var locked: [String] = []
        switch transactions {
        case .readOnlySnapshot: snapshot = !openTransaction
        case .readOnlySnapshotLocking(let tables): (snapshot, locked) = (!openTransaction, openTransaction ? [] : tables)
        case .perStatement, .single: break
        }
        func begin() {
            if snapshot { statements.append(Statement(query: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", isCallers: false, syncs: false)) }
            if let localSettings {
                let setting = locked.isEmpty ? [PostgresQuery(stringLiteral: localSettings.transactionLocalSQL)]
                    : localSettings.transactionLocalStatements
                statements += setting.map { Statement(query: $0, isCallers: false, syncs: false) }
            }
            if !locked.isEmpty {
                let lock = PostgresQuery(stringLiteral: "LOCK TABLE \(locked.joined(separator: ", ")) IN ACCESS SHARE MODE")
                statements.append(Statement(query: lock, isCallers: false, syncs: false, retriesWhenCancelled: false))
            }
        }
        func end() {
            if snapshot { statements.append(Statement(query: "COMMIT", isCallers: false, syncs: false)) }
            if !statements.isEmpty { statements[statements.count - 1].syncs = true }
        }
        switch transactions {
        case .perStatement:
            for query in queries {
                begin()
                statements.append(Statement(query: query, isCallers: true, syncs: false))
                end()
            }
        case .single, .readOnlySnapshot, .readOnlySnapshotLocking:
            guard !queries.isEmpty else { return }
            begin()
            statements += queries.map { Statement(query: $0, isCallers: true, syncs: false) }
            end()
        }
    }
}
