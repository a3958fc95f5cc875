import Foundation
import SourceData

/// The read of a user's data version (migration 005): the truncate epoch and the user's own version.
///
/// One statement. `PostgresWorkingMemorySource` sends it in the same snapshot as the data, so the version it
/// reports is the version of exactly the rows it read; `wm serve` sends it alone on each request for a cached
/// answer, to learn whether that answer's data is still the current data. A user without a row has version 0.
///
/// The statement names pg_catalog's `=` and `uuid`, so an operator or type that another schema puts first
/// on the search_path cannot make it match other users' rows. The table reads do not: they select `user_id`
/// and refuse another user's row (`SourceError.rowOfAnotherUser`). This statement returns no row to check,
/// and on a cache hit it is the only one sent, so it must not be fooled.
public struct DataVersionRead: Sendable {
    public init() {}

    /// The statement for `user`'s version (prepared once per connection; unnamed behind a transaction pooler).
    public func query(user: UUID) -> PostgresQuery {
        PostgresQuery(
            sql: """
                SELECT (SELECT epoch FROM public.wm_data_epoch) AS epoch,
                       coalesce((SELECT version FROM public.wm_data_versions
                                 WHERE user_id OPERATOR(pg_catalog.=) $1::pg_catalog.uuid), 0) AS version
                """,
            binds: [PostgresBind(user)]
        ).prepared(as: "wm_source_data_version")
    }

    /// The version a result of `query` holds.
    ///
    /// - Throws: `PostgresError` of kind `decodingFailed` when the epoch row is missing (a database whose
    ///   migration 005 was undone by hand).
    public func version(in rows: PostgresRows) throws(PostgresError) -> DataVersion {
        guard let row = rows.rows.first, let epoch = try row.decodeIfPresent(Int.self, "epoch") else {
            throw PostgresError(.decodingFailed, message: "wm_data_epoch has no row: run wm migrate")
        }
        return DataVersion(epoch: Int64(epoch), version: Int64(try row.decode(Int.self, "version")))
    }

    /// Reads `user`'s current version on `connection`.
    ///
    /// - Throws: `PostgresError` when the statement fails (a timeout, a lost connection, no migration 005).
    public func version(of user: UUID, on connection: PostgresConnection) throws(PostgresError) -> DataVersion {
        try version(in: connection.query(query(user: user)))
    }
}
