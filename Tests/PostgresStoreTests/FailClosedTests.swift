import Foundation
import SourceData
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@_spi(Benchmarks) @testable import PostgresStore

/// Fail closed: a row of another user among the rows the source read refuses the whole read.
///
/// The database misbehaves for real: an always-true `=` for (uuid, uuid) before `pg_catalog` on its
/// search_path makes the source's own, unmodified statements return every user's rows with their true
/// `user_id` (`Tests/Support/FailClosed/misbehaving-uuid-equality.sql`).
@Suite struct FailClosedTests {
    static let now = TestDatabase.failClosedNow

    /// A database where `owner` has one row in every source table and `other` one row in `table`, then the
    /// misbehaving `=` planted; `connection` is opened after it, so it has the operator on its search_path.
    struct Planted {
        let database: TestDatabase
        let connection: PostgresConnection
        let owner: UUID
        let other: UUID
        let otherRow: UUID
    }

    static func planted(otherRowIn table: SnapshotTable) throws -> Planted {
        let database = try TestDatabase.make(prefix: "wm_fail_closed")
        let owner = try database.insertUser()
        for name in TestDatabase.sourceTables { try database.insertSourceRow(in: name, of: owner, label: "owner-\(name)") }
        let other = try database.insertUser()
        let otherRow = try database.insertSourceRow(in: table.rawValue, of: other, label: "other-user-secret")
        try database.plantMisbehavingEquality()
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        return Planted(database: database, connection: connection, owner: owner, other: other, otherRow: otherRow)
    }

    @Test(arguments: SnapshotTable.allCases)
    func aRowOfAnotherUserRefusesTheWholeRead(table: SnapshotTable) throws {
        let planted = try Self.planted(otherRowIn: table)
        let source = PostgresWorkingMemorySource(connection: planted.connection)

        // The misbehaving operator works: the source's own statement returns the other user's row, with its
        // true user_id, and decoded without the check it would be rendered.
        let raw = try planted.connection.query(source.query(for: table, user: planted.owner, now: Self.now))
        let read = SourceTableRead(table: table)
        #expect(raw.columns[read.userColumn] == "user_id")
        let owners = (0..<raw.count).compactMap { raw.text(row: $0, column: read.userColumn) }
        #expect(owners.sorted() == [planted.owner.lowercasedString, planted.other.lowercasedString].sorted())
        var unchecked = Snapshot(userID: planted.owner)
        try read.decode(raw, into: &unchecked)
        let rendered = try PostgresRenderTests.renderer().render(SourceResult(snapshot: unchecked), now: Self.now)
        #expect(rendered.markdown.contains("other-user-secret"), "without the check the other user's row renders")

        // With the check, the read fails as a whole, naming the table and the row, not the other user.
        let error = #expect(throws: SourceError.self) { try source.fetchBlocking(user: planted.owner, now: Self.now) }
        #expect(error == .rowOfAnotherUser(table: table, row: planted.otherRow))
        let message = error?.description ?? ""
        #expect(message.contains("\(table.rawValue) \(planted.otherRow.lowercasedString)"))
        #expect(!message.contains(planted.other.lowercasedString))

        // Not a failed source on the statement-by-statement path either: `assemble` refuses any outcome.
        let outcomes = try SnapshotTable.allCases.map { each in
            try PostgresWorkingMemorySource.outcome { () throws(PostgresError) in
                try planted.connection.query(source.query(for: each, user: planted.owner, now: Self.now))
            }
        }
        let known = try PostgresWorkingMemorySource.outcome { () throws(PostgresError) in
            try planted.connection.query(source.knownUserQuery(planted.owner))
        }
        #expect(throws: SourceError.rowOfAnotherUser(table: table, row: planted.otherRow)) {
            try PostgresWorkingMemorySource.assemble(user: planted.owner, known: known, tables: outcomes)
        }
    }

    @Test func aRowOfAnotherUserIsRefusedBehindATransactionPooler() throws {
        let planted = try Self.planted(otherRowIn: .activityLog)
        let pooled = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try planted.database.pgbouncerURL, pooler: .transaction))
        #expect(throws: SourceError.rowOfAnotherUser(table: .activityLog, row: planted.otherRow)) {
            try PostgresWorkingMemorySource(connection: pooled).fetchBlocking(user: planted.owner, now: Self.now)
        }
    }

    /// The data-version read, which alone decides whether `wm serve` answers from its cache, names pg_catalog's
    /// `=`: under the misbehaving operator it still reads the user's own version, never another user's row.
    @Test func theDataVersionReadIsTheUsersOwnUnderTheMisbehavingOperator() throws {
        let planted = try Self.planted(otherRowIn: .userContext)
        // `database.connection` was opened before the operator was planted: it reads honestly.
        let honest = try DataVersionRead().version(of: planted.owner, on: planted.database.connection)
        let others = try DataVersionRead().version(of: planted.other, on: planted.database.connection)
        #expect(honest != others, "both users have a version row of their own")

        // The operator bites a statement that uses the search_path's `=`: both users' rows match.
        let unqualified = try planted.connection.query(
            "SELECT version FROM public.wm_data_versions WHERE user_id = \(planted.owner)::uuid")
        #expect(unqualified.count == 2)

        #expect(try DataVersionRead().version(of: planted.owner, on: planted.connection) == honest)
        #expect(try DataVersionRead().version(of: planted.other, on: planted.connection) == others)
        #expect(try DataVersionRead().version(of: UUID(), on: planted.connection).version == 0)
    }

    @Test func honestDataPassesTheCheck() throws {
        let database = try TestDatabase.make(prefix: "wm_fail_closed")
        let owner = try database.insertUser()
        let other = try database.insertUser()
        for name in TestDatabase.sourceTables {
            try database.insertSourceRow(in: name, of: owner, label: "owner-\(name)")
            try database.insertSourceRow(in: name, of: other, label: "other-\(name)")
        }
        let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
        let source = PostgresWorkingMemorySource(connection: connection)
        for (user, mine, theirs) in [(owner, "owner-", "other-"), (other, "other-", "owner-")] {
            let fetched = try source.fetchBlocking(user: user, now: Self.now)
            #expect(fetched.failedSources.isEmpty)
            #expect(fetched.dataVersion != nil)
            let snapshot = fetched.snapshot
            let counts = [snapshot.userContext.count, snapshot.deliverables.count, snapshot.platformConnections.count,
                          snapshot.chatSessions.count, snapshot.activityLog.count]
            #expect(counts == [1, 1, 1, 1, 1])
            let markdown = try PostgresRenderTests.renderer().render(fetched, now: Self.now).markdown
            for name in TestDatabase.sourceTables { #expect(markdown.contains(mine + name), "\(name) renders") }
            #expect(!markdown.contains(theirs))
        }
    }
}
