import Foundation
import Testing
import WireFormats
@testable import SourceData

@Suite struct ActivityWritePointTests {
    let user = UUID()
    let id = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!

    @Test func deliverableRunHasOneShape() throws {
        let event = try NewActivityEvent.deliverableRun(
            user: user, deliverableID: id, title: "Weekly client digest", versionID: id, versionNumber: 4,
            strategy: "digest", status: .approved
        )
        #expect(event.type == .deliverableRun)
        #expect(event.summary == "Weekly client digest v4 generated (approved)")
        #expect(event.ref == id)
        #expect(event.metadataJSON == #"{"deliverable_id":"00000000-0000-4000-8000-000000000001","final_status":"approved","strategy":"digest","version_number":4}"#)
    }

    @Test func aLongTitleIsCutSoTheSummaryFits() throws {
        let event = try NewActivityEvent.deliverableRun(
            user: user, deliverableID: id, title: String(repeating: "t", count: 600), versionID: id, versionNumber: 12,
            strategy: "s", status: .staged
        )
        #expect(event.summary.unicodeScalars.count == 500)
        #expect(event.summary.hasSuffix("... v12 generated (staged)"))
    }

    @Test func platformSyncHasOneShapeAndNothingForZeroItems() throws {
        let named = try #require(try NewActivityEvent.platformSync(
            user: user, platform: "slack", resourceID: "C024BE91L", resourceName: "#general", itemCount: 42
        ))
        #expect(named.summary == "Synced slack/#general: 42 items")
        #expect(named.metadataJSON == ##"{"item_count":42,"platform":"slack","resource_id":"C024BE91L","resource_name":"#general"}"##)
        let unnamed = try #require(try NewActivityEvent.platformSync(
            user: user, platform: "gmail", resourceID: "INBOX", resourceName: nil, itemCount: 3
        ))
        #expect(unnamed.summary == "Synced gmail/INBOX: 3 items")
        #expect(unnamed.metadata?["resource_name"] == .null)
        #expect(try NewActivityEvent.platformSync(
            user: user, platform: "slack", resourceID: "C1", resourceName: "#quiet", itemCount: 0
        ) == nil)
    }

    @Test func memoryWriteCutsTheValueAt80Characters() throws {
        let short = try NewActivityEvent.memoryWrite(
            user: user, key: "tone_slack", value: "casual", source: "user_stated", action: .noted
        )
        #expect(short.summary == "Noted: tone_slack = casual")
        #expect(short.metadataJSON == #"{"action":"noted","key":"tone_slack","source":"user_stated"}"#)
        let long = try NewActivityEvent.memoryWrite(
            user: user, key: "fact:pets", value: String(repeating: "x", count: 81), source: "tp_extracted", action: .updated
        )
        #expect(long.summary == "Updated: fact:pets = " + String(repeating: "x", count: 80) + "...")
        let exactly80 = try NewActivityEvent.memoryWrite(
            user: user, key: "k", value: String(repeating: "y", count: 80), source: "document", action: .noted
        )
        #expect(exactly80.summary == "Noted: k = " + String(repeating: "y", count: 80))
    }

    @Test func chatSessionNeedsMoreThanOneTurn() throws {
        let event = try #require(try NewActivityEvent.chatSession(user: user, turns: 7, toolsUsed: ["search", "memory"]))
        #expect(event.summary == "Chat session (7 turns)")
        #expect(event.metadataJSON == #"{"tools_used":["search","memory"],"turns":7}"#)
        #expect(try NewActivityEvent.chatSession(user: user, turns: 1, toolsUsed: []) == nil)
        #expect(try NewActivityEvent.chatSession(user: user, turns: 0, toolsUsed: []) == nil)
    }
}
