import Foundation
import Testing
@testable import WireFormats

@Suite struct UUIDTextTests {
    @Test func roundTripsAndAgreesWithFoundation() {
        for _ in 0..<1_000 {
            let uuid = UUID()
            #expect(uuid.lowercasedString == uuid.uuidString.lowercased())
            #expect(UUID(canonicalText: uuid.lowercasedString) == uuid)
            #expect(UUID(canonicalText: uuid.uuidString) == uuid)
        }
    }

    @Test(arguments: [
        "", "not-a-uuid", "6f1c2b0e-8a4b-4c3e-9d2f-0a1b2c3d4e5", "6f1c2b0e-8a4b-4c3e-9d2f-0a1b2c3d4e5ff",
        "6f1c2b0e8a4b-4c3e-9d2f-0a1b2c3d4e5f0", "6f1c2b0e-8a4b-4c3e-9d2f-0a1b2c3d4e5g", "{6f1c2b0e-8a4b-4c3e-9d2f-0a1b2c3d4e}",
        "6f1c2b0e-8a4b-4c3e-9d2f-0a1b2c3d4é5",
    ])
    func rejectsWhatFoundationRejects(text: String) {
        #expect(UUID(canonicalText: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
