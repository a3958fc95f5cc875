import Testing
@testable import SourceData

@Suite struct ActivityEventTypeTests {
    @Test func rawValuesAreTheDesignsEventTypes() {
        #expect(Set(ActivityEventType.allCases.map(\.rawValue)) == [
            "deliverable_run", "memory_written", "platform_synced", "chat_session",
            "integration_connected", "integration_disconnected", "deliverable_approved", "deliverable_rejected",
        ])
    }
}
