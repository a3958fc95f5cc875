import Foundation
import PostgresStore
import SourceData
import Testing
import WorkingMemory
@testable import WorkingMemoryService

/// Which replica failures the primary answers instead, and which are answered as they are.
@Suite struct ReplicaFallbackReasonTests {
    @Test func failuresOfTheReplicaItselfFallBackAndOthersDoNot() {
        let cases: [(any Error, ReplicaFallbackReason?)] = [
            (PostgresError(.connectionFailed, message: "refused"), .unreachable),
            (ActivityLogError.database(PostgresError(.connectionFailed, message: "refused")), .unreachable),
            (PostgresError(.timedOut, sqlState: "57014", message: "canceling statement"), .timedOut),
            (PoolError.timedOut, .timedOut),
            (PostgresError(.statementFailed, sqlState: "40001", message: "conflict with recovery"), .recoveryConflict),
            (PostgresError(.statementFailed, sqlState: "40P01", message: "conflict with recovery"), .recoveryConflict),
            (SourceError.noSuchUser(UUID()), .userNotReplicated),
            // The primary would fail alike, or should not take the replica's load.
            (PoolError.exhausted, nil),
            (PoolError.closed, nil),
            (PostgresError(.statementFailed, sqlState: "42P01", message: "no such table"), nil),
            (ActivityLogError.noSuchUser(UUID()), nil),
            // A replica that returns another user's row is refused, not papered over by the primary.
            (SourceError.rowOfAnotherUser(table: .userContext, row: UUID()), nil),
        ]
        for (error, expected) in cases {
            #expect(ReplicaFallbackReason(serviceReadFailure: error) == expected, "\(error)")
        }
        #expect(ReplicaFallbackReason.allCases.filter(\.marksReplicaDown) == [.unreachable, .timedOut])
    }

    @Test func aReplicaMarkedDownIsLeftAloneForTheRetryIntervalThenTriedAgain() async throws {
        let metrics = ServiceMetrics()
        let primary = ConnectionPool(
            configuration: try PostgresConfiguration(connectionString: "postgresql://127.0.0.1:1/none"), settings: PoolSettings(size: 1),
            metrics: metrics
        )
        let router = ReadRouter(primary: primary, replica: nil, retryInterval: .milliseconds(200), metrics: metrics)
        #expect(!router.isMarkedDown)
        router.markDown(after: PostgresError(.connectionFailed, message: "refused"))
        #expect(router.isMarkedDown)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!router.isMarkedDown)
        router.markDown(after: PostgresError(.connectionFailed, message: "refused"))
        router.markUp()
        #expect(!router.isMarkedDown)
        await primary.close()
    }
}
