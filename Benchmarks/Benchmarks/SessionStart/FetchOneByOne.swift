import Foundation
@_spi(Benchmarks) import PostgresStore
import SourceData

extension PostgresWorkingMemorySource {
    /// The same reads as `fetchBlocking`, sent one after another, each waiting for the previous one's answer,
    /// plus the separate count of active deliverables the earlier version also made: its access pattern.
    ///
    /// One round trip per statement instead of one in all: the benchmark measures what the pipeline saves over
    /// the same statements, decoding and rendering. Gives the same snapshot as `fetchBlocking`, with no data
    /// version (each statement reads its own snapshot).
    func fetchOneByOne(user: UUID, now: Date) throws -> SourceResult {
        let known = try Self.outcome { () throws(PostgresError) in try connection.query(knownUserQuery(user)) }
        var tables: [Result<PostgresRows, PostgresError>] = []
        for table in SnapshotTable.allCases {
            tables.append(try Self.outcome { () throws(PostgresError) in
                try connection.query(query(for: table, user: user, now: now))
            })
            if table == .deliverables {
                _ = try? connection.query("SELECT count(*) AS n FROM deliverables WHERE user_id = \(user) AND status = 'active'")
            }
        }
        return try Self.assemble(user: user, known: known, tables: tables)
    }
}
