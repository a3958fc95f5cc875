import Foundation
import SourceData
import Testing
import WireFormats
@testable import PostgresStore

@Suite struct ActivityRowsJSONTests {
    @Test func rowsJSONIsValidJSONWithTheColumnNames() throws {
        let user = UUID()
        let ref = UUID()
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        let events = [
            try NewActivityEvent(user: user, type: .chatSession, summary: #"He said "hi" \ 日本 😀"#, ref: ref,
                                 metadata: ["turns": 3, "tools": .array(["a\"b"])], createdAt: at),
            try NewActivityEvent(user: user, type: .memoryWritten, summary: "plain"),
        ]
        let parsed = try JSONValue.parse(events.rowsJSON)
        guard case .array(let rows) = parsed, rows.count == 2 else {
            Issue.record("expected an array of two rows, got \(parsed)")
            return
        }
        #expect(rows[0] == .object([
            "id": .string(events[0].id.lowercasedString), "user_id": .string(user.lowercasedString),
            "event_type": "chat_session", "summary": .string(#"He said "hi" \ 日本 😀"#),
            "event_ref": .string(ref.lowercasedString), "metadata": .object(["turns": 3, "tools": .array(["a\"b"])]),
            "created_at": "2026-11-18T11:06:40.25Z",
        ]))
        #expect(rows[1]["event_ref"] == nil && rows[1]["metadata"] == nil && rows[1]["created_at"] == nil)
        #expect([NewActivityEvent]().rowsJSON == "[]")
    }
}
