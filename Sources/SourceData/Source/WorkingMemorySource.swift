import Foundation
import WireFormats

/// Where a user's working-memory data comes from: a snapshot file, PostgreSQL, a test double.
///
/// A source returns what it could read plus the parts it could not: a failed table leaves its array
/// empty and is named in `SourceResult.failedSources`, so the others still render and nothing fails
/// silently. Throw only when nothing usable can be returned (no connection, unreadable file, wrong user).
public protocol WorkingMemorySource: Sendable {
    /// The snapshot of `user` as of `now`, and the tables that could not be read.
    func fetch(user: UUID, now: Date) async throws -> SourceResult
}

/// What a source returned: a snapshot, possibly partial, and what failed.
public struct SourceResult: Sendable, Hashable {
    public var snapshot: Snapshot
    /// Tables that could not be read; their arrays in `snapshot` are empty. Empty when all succeeded.
    public var failedSources: [FailedSource]
    /// The user's data version, read in the same snapshot as every row of `snapshot`; nil when the source
    /// keeps none (a file) or could not read all of it in one snapshot. Only a result with a version can be
    /// cached: the version is what tells a later request that the data is unchanged.
    public var dataVersion: DataVersion?

    public init(snapshot: Snapshot, failedSources: [FailedSource] = [], dataVersion: DataVersion? = nil) {
        self.snapshot = snapshot
        self.failedSources = failedSources
        self.dataVersion = dataVersion
    }
}

/// One part of a source that failed: which table, and why (one line, no SQL, no credentials).
public struct FailedSource: Sendable, Hashable, Codable, CustomStringConvertible {
    public var table: SnapshotTable
    public var reason: String

    public init(table: SnapshotTable, reason: String) {
        self.table = table
        self.reason = reason
    }

    /// e.g. `activity_log: permission denied (SQLSTATE 42501)`.
    public var description: String { "\(table.rawValue): \(reason)" }

    enum CodingKeys: String, CodingKey {
        case table = "source"
        case reason
    }
}

/// Why a source could not return a user's data at all.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user does not exist (e.g. a mistyped id), as opposed to an existing user with no data yet.
    case noSuchUser(UUID)
    /// The database returned a row of `table` (id `row`, nil when the row has none) whose `user_id` is not
    /// the requested user's: the source fails closed and nothing of the user is rendered.
    ///
    /// Not the caller's error and not a table to skip: the database answered the source's own query with
    /// another user's data (a view, function or operator that misbehaves, a broken policy). The other user's
    /// id is not kept; `row` finds the row (`SELECT user_id FROM <table> WHERE id = <row>`).
    case rowOfAnotherUser(table: SnapshotTable, row: UUID?)

    public var description: String {
        switch self {
        case .noSuchUser(let user):
            "no such user: \(user.lowercasedString)"
        case .rowOfAnotherUser(let table, let row):
            "the database returned a row of another user (\(table.rawValue) \(row?.lowercasedString ?? "row without an id")); "
                + "nothing was rendered: check the views, functions and operators on the connection's search_path"
        }
    }
}
