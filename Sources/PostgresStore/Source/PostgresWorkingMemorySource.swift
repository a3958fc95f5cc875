import Foundation
import SourceData

/// Reads one user's working-memory data from PostgreSQL in one round trip.
///
/// Seven statements (prepared once per connection; unnamed behind a transaction pooler) go out as one
/// pipeline (the user check, one read per table, then the user's data version) in one read-only
/// `REPEATABLE READ` transaction, so the render sees one consistent snapshot of the user's data, from one
/// server (on a replica too), and `SourceResult.dataVersion` is the version of exactly those rows. The
/// tables are locked (`ACCESS SHARE`) before the snapshot is taken, because `TRUNCATE` is not MVCC-safe. When a
/// table's read fails (a missing privilege, a missing table), which stops the ones after it, the
/// pipeline is sent again with a sync point after each statement, so the table that fails leaves only its
/// own array empty and is named in `failedSources`; the others still render (from a snapshot each), and the
/// result has no data version (its rows come from several snapshots). When only the version cannot be read
/// (a database without migration 005), the data still renders, without a version. A statement timeout or a broken
/// connection throws, and so does a user id that is not in `auth.users` (`SourceError.noSuchUser`: a
/// mistyped id must not render as an empty block).
///
/// The source fails closed: every statement also returns each row's `user_id`, and a row whose `user_id` is
/// not the requested user's (a view, function or operator on the search_path that misbehaves) throws
/// `SourceError.rowOfAnotherUser` on every path (one pipeline, statement by statement, the benchmarks' one
/// by one: all go through `assemble`). It is not a failed source: nothing of the user is returned.
///
/// Statements return plain columns, decoded by `SourceTableRead` with the snapshot file's own parsers, so
/// rendering from the database and from `wm snapshot`'s file gives the same bytes. Chat sessions and
/// activity are read inside the builder's lookback windows only (what the prompt can show); deliverables
/// only when active. Older or inactive rows are neither read nor counted. Activity rows carry only `id`,
/// `summary` and `created_at` (what the prompt shows): the index of migration 004 covers them, so the read
/// is an index-only scan and never visits one heap page per event.
public struct PostgresWorkingMemorySource: WorkingMemorySource {
    public let connection: PostgresConnection
    public let settings: BuilderSettings

    public init(connection: PostgresConnection, settings: BuilderSettings = .reference) {
        self.connection = connection
        self.settings = settings
    }

    /// The user's snapshot as of `now`; throws only when nothing usable can be read.
    public func fetch(user: UUID, now: Date) async throws -> SourceResult {
        try fetchBlocking(user: user, now: now)
    }

    /// The synchronous form of `fetch`: blocks the calling thread for the round trip (a service calls it
    /// on a thread of its connection pool, never on the cooperative pool).
    ///
    /// - Throws: `SourceError.noSuchUser`, `SourceError.rowOfAnotherUser` when a row read is not `user`'s, or
    ///   `PostgresError` when the database fails as a whole.
    public func fetchBlocking(user: UUID, now: Date) throws -> SourceResult {
        let queries = [knownUserQuery(user)] + SnapshotTable.allCases.map { query(for: $0, user: user, now: now) }
        var outcomes = try connection.pipeline(queries + [DataVersionRead().query(user: user)], transactions: .readOnlySnapshotLocking(tables: Self.lockedTables))
        let versionOutcome = outcomes.removeLast()
        var version = try? versionOutcome.get()
        if !outcomes.contains(where: Self.timedOut), outcomes.contains(where: Self.failedAlone) {
            // Something failed and stopped the statements after it: send them again, each on its own.
            // Not after a timeout or a cancel: the statement would wait again for what held it up.
            outcomes = try connection.pipeline(queries, transactions: .perStatement)
            version = nil
        }
        var result = try Self.assemble(user: user, known: outcomes[0], tables: Array(outcomes.dropFirst()))
        if case .failure(let error) = versionOutcome, error.kind == .timedOut { throw error }
        result.dataVersion = version.flatMap { try? DataVersionRead().version(in: $0) }
        return result
    }

    /// The tables read, locked before the snapshot is taken (`PipelineTransactions.readOnlySnapshotLocking`):
    /// a `TRUNCATE` that commits while the read waits must not show up in one table and not in the version.
    static let lockedTables = ["auth.users"] + SnapshotTable.allCases.map(\.rawValue)

    /// Whether `user` is in `auth.users`.
    @_spi(Benchmarks) public func knownUserQuery(_ user: UUID) -> PostgresQuery {
        PostgresQuery(sql: "SELECT EXISTS (SELECT 1 FROM auth.users WHERE id = $1::uuid) AS known_user", binds: [PostgresBind(user)])
            .prepared(as: "wm_source_known_user")
    }

    /// One table's read, binding only what it uses.
    @_spi(Benchmarks) public func query(for table: SnapshotTable, user: UUID, now: Date) -> PostgresQuery {
        var binds = [PostgresBind(user)]
        var placeholders = SourceTableRead.Placeholders(user: "$1", conversationsSince: "NULL", activitySince: "NULL")
        switch table {
        case .chatSessions:
            binds.append(PostgresBind(now.addingTimeInterval(-settings.conversationLookback)))
            placeholders.conversationsSince = "$2"
        case .activityLog:
            binds.append(PostgresBind(now.addingTimeInterval(-settings.activityLookback)))
            placeholders.activitySince = "$2"
        case .userContext, .deliverables, .platformConnections:
            break
        }
        return PostgresQuery(sql: SourceTableRead(table: table).select(placeholders), binds: binds)
            .prepared(as: "wm_source_" + table.rawValue)
    }

    private static func timedOut(_ outcome: Result<PostgresRows, PostgresError>) -> Bool {
        if case .failure(let error) = outcome { return error.kind == .timedOut }
        return false
    }

    /// True for a statement that failed for a reason of its own (not a timeout, which `assemble` throws).
    private static func failedAlone(_ outcome: Result<PostgresRows, PostgresError>) -> Bool {
        if case .failure(let error) = outcome { return error.kind != .timedOut }
        return false
    }

    /// A statement's outcome, rethrowing a broken connection (which no other statement would survive) and a
    /// timeout (which `fetchBlocking` throws too).
    @_spi(Benchmarks) public static func outcome(_ run: () throws(PostgresError) -> PostgresRows) throws(PostgresError) -> Result<PostgresRows, PostgresError> {
        do {
            return .success(try run())
        } catch where error.kind == .connectionFailed || error.kind == .timedOut {
            throw error
        } catch {
            return .failure(error)
        }
    }

    /// The snapshot from the user check's and the tables' outcomes (in `SnapshotTable.allCases` order).
    @_spi(Benchmarks) public static func assemble(
        user: UUID, known: Result<PostgresRows, PostgresError>, tables: [Result<PostgresRows, PostgresError>]
    ) throws -> SourceResult {
        // When auth.users itself cannot be read, the user cannot be checked; the tables still can.
        if let knownRows = try? known.get(), try knownRows.rows.first?.decode(Bool.self, "known_user") == false {
            throw SourceError.noSuchUser(user)
        }
        // A timeout means a slow database, not a broken table: the caller should fail and retry, as for the whole.
        for case .failure(let error) in [known] + tables where error.kind == .timedOut { throw error }
        // Fail closed: a row of another user anywhere stops the whole read before any row is decoded.
        let owner = Array(user.lowercasedString.utf8)
        for (table, outcome) in zip(SnapshotTable.allCases, tables) {
            if case .success(let rows) = outcome { try SourceTableRead(table: table).requireOwner(owner, of: rows) }
        }
        var snapshot = Snapshot(userID: user)
        var failed: [FailedSource] = []
        for (table, outcome) in zip(SnapshotTable.allCases, tables) {
            do {
                try SourceTableRead(table: table).decode(try outcome.get(), into: &snapshot)
            } catch {
                failed.append(FailedSource(table: table, reason: "\(error)"))
            }
        }
        return SourceResult(snapshot: snapshot, failedSources: failed)
    }
}
