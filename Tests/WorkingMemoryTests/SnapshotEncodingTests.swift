import Foundation
import SourceData
import Testing
@testable import WorkingMemory

@Suite struct SnapshotEncodingTests {
    static let snapshot = Snapshot(
        userID: Fixture.user, now: Fixture.now,
        userContext: [UserContextRow(id: Fixture.id(9), key: "fact:\"quoted\"\n", value: "naïve 👩‍👩‍👧", source: "tp_extracted",
                                     confidence: 0.75, createdAt: Fixture.ago(days: 2), updatedAt: Fixture.ago(seconds: 0.000_001))],
        deliverables: [DeliverableRow(id: Fixture.id(1), title: "Weekly", status: "paused",
                                      schedule: .object(["frequency": .string("weekly"), "day": .integer(1), "at": .number(9.5)]),
                                      recipientContext: .object(["name": .null, "tags": .array([.bool(true), .string("\u{1}")])]),
                                      nextRunAt: Fixture.ago(days: -1))],
        platformConnections: [PlatformConnectionRow(platform: "slack", lastSyncedAt: .unparseable("not a time")),
                              PlatformConnectionRow(platform: "gmail", status: nil, lastSyncedAt: .at(Fixture.ago(hours: 3)))],
        chatSessions: [ChatSessionRow(id: Fixture.id(2), createdAt: Fixture.ago(days: 1), summary: "s")],
        activityLog: [ActivityLogRow(id: Fixture.id(3), eventType: "platform_synced", eventRef: Fixture.id(4), summary: "x",
                                     metadata: .object(["item_count": .integer(12)]), createdAt: Fixture.ago(minutes: 1))])

    @Test func roundTrips() throws {
        let text = SnapshotEncoder.encode(Self.snapshot)
        #expect(try SnapshotDecoder.decode(Data(text.utf8)) == Self.snapshot)
        #expect(SnapshotEncoder.encode(try SnapshotDecoder.decode(Data(text.utf8))) == text)
    }

    @Test func writesKeysInAFixedOrder() {
        let text = SnapshotEncoder.encode(Snapshot(
            userID: Fixture.user, now: Fixture.now,
            chatSessions: [ChatSessionRow(id: Fixture.id(2), createdAt: Fixture.now, summary: "Hi")]))
        #expect(text == """
            {
              "user_id": "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d",
              "now": "2024-05-01T12:00:00Z",
              "user_context": [],
              "deliverables": [],
              "platform_connections": [],
              "chat_sessions": [
                {
                  "id": "00000000-0000-4000-8000-000000000002",
                  "created_at": "2024-05-01T12:00:00Z",
                  "summary": "Hi"
                }
              ],
              "activity_log": []
            }

            """)
    }

    @Test func jsonbObjectsAreWrittenWithSortedKeys() {
        let text = SnapshotEncoder.encode(Self.snapshot)
        let at = text.range(of: "\"at\"")!.lowerBound, day = text.range(of: "\"day\"")!.lowerBound
        let frequency = text.range(of: "\"frequency\"")!.lowerBound
        #expect(at < day && day < frequency)
        #expect(text.contains(#""key": "fact:\"quoted\"\n""#))
        #expect(text.contains(#""\u0001""#))
    }
}
