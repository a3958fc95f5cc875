/// The server settings every statement of this package relies on, and how a session makes them.
///
/// Readers parse timestamptz text in UTC and ISO form (`TimeZone`, `DateStyle`), and every statement is
/// bounded by `statement_timeout`. With `PoolerMode.none` they are set once per connection; with
/// `.transaction` they are set inside every transaction, local to it, because another client of the pooler
/// may have changed them on the server connection (`SET TimeZone = 'Asia/Kolkata'` stays there).
struct SessionSettings: Sendable {
    let statementTimeoutMilliseconds: Int

    /// `SET` statements for the life of a connection (direct connections and session poolers).
    var sessionScript: String {
        "SET statement_timeout = \(statementTimeoutMilliseconds); SET TimeZone = 'UTC'; SET DateStyle = 'ISO'"
    }

    /// The same values as statements of their own, until the current transaction ends: `SET` takes no
    /// snapshot, so a `REPEATABLE READ` transaction's snapshot is still to be taken after them (a pipeline
    /// locks its tables first; see `PipelineTransactions.readOnlySnapshotLocking`).
    var transactionLocalStatements: [PostgresQuery] {
        [
            PostgresQuery(stringLiteral: "SET LOCAL statement_timeout = \(statementTimeoutMilliseconds)"),
            "SET LOCAL TimeZone = 'UTC'",
            "SET LOCAL DateStyle = 'ISO'",
        ]
    }

    /// One statement setting the same values until the current transaction ends.
    var transactionLocalSQL: String {
        "SELECT set_config('statement_timeout', '\(statementTimeoutMilliseconds)', true), "
            + "set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO', true)"
    }
}
