import Foundation
import Testing
import SourceData
import TestDatabaseSupport
import WireFormats
@testable import PostgresStore

/// A value the server refuses with a data exception (SQLSTATE class 22) is the caller's error
/// (`ActivityLogError.refusedValue`), not a database failure.
@Suite struct DataExceptionTests {
    @Test func anInstantOutsideTimestamptzsRangeIsARefusedValue() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        // 40,000 years before now: before timestamptz's first day (4713 BC).
        let error = try #require(throws: ActivityLogError.self) {
            try store.prune(olderThan: 40_000 * 366 * 86_400, now: Date(), dryRun: true)
        }
        guard case .refusedValue(let underlying) = error else {
            Issue.record("expected refusedValue, got \(error)")
            return
        }
        #expect(underlying.sqlState?.hasPrefix("22") == true)
        #expect(error.description.hasPrefix("the database refused a value: "))
    }
}
