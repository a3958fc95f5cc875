import Foundation
import Testing
@testable import WorkingMemory

@Suite struct UUIDOrderTests {
    /// Byte order is the order of the lower-case text, the tie-breaker the builder shares with PostgreSQL.
    @Test func byteOrderIsTextOrder() {
        for _ in 0..<2_000 {
            let (a, b) = (UUID(), UUID())
            #expect(UUIDOrder.precedes(a, b) == (a.uuidString.lowercased() < b.uuidString.lowercased()))
        }
    }
}
