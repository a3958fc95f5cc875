import Foundation
import Testing
import WireFormats
@testable import SourceData

@Suite struct SnapshotDecodingTests {
    static let user = "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d"

    private func decode(_ json: String) throws(SnapshotError) -> Snapshot {
        try SnapshotDecoder.decode(Data(json.utf8))
    }

    /// The error's message for `json`, which must fail to decode.
    private func failure(_ json: String) -> String {
        do {
            _ = try decode(json)
            return "decoded without error"
        } catch {
            return error.description
        }
    }

    @Test func minimalSnapshotHasEmptyTables() throws {
        let snapshot = try decode(#"{"user_id": "\#(Self.user)"}"#)
        #expect(snapshot.userID == UUID(uuidString: Self.user))
        #expect(snapshot.now == nil)
        #expect(snapshot.userContext.isEmpty && snapshot.deliverables.isEmpty && snapshot.platformConnections.isEmpty
            && snapshot.chatSessions.isEmpty && snapshot.activityLog.isEmpty)
    }

    @Test func readsEveryTable() throws {
        let snapshot = try decode("""
            {"user_id": "\(Self.user)", "now": "2024-05-01T12:00:00+02:00",
             "user_context": [{"key": "name", "value": "Alex", "confidence": 1, "source": "user_stated"}],
             "deliverables": [{"id": "00000000-0000-4000-8000-000000000001", "title": "Weekly", "status": "active",
                               "schedule": {"frequency": "weekly"}, "recipient_context": {"name": "Sam"},
                               "updated_at": "2024-04-30T08:00:00.5Z", "extra_column": 3}],
             "platform_connections": [{"platform": "slack", "status": "active", "last_synced_at": "yesterday"}],
             "chat_sessions": [{"id": "00000000-0000-4000-8000-000000000002", "created_at": "2024-04-29T10:00:00Z"}],
             "activity_log": [{"id": "00000000-0000-4000-8000-000000000003", "user_id": "\(Self.user)",
                               "event_type": "deliverable_run", "summary": "Weekly v1 generated (staged)",
                               "metadata": {"version_number": 1}, "created_at": "2024-04-30T08:00:00Z"}]}
            """)
        #expect(snapshot.now == RFC3339.date(epochSeconds: 1_714_557_600, micros: 0))
        #expect(snapshot.userContext == [UserContextRow(key: "name", value: "Alex", source: "user_stated", confidence: 1)])
        #expect(snapshot.deliverables.first?.schedule["frequency"] == .string("weekly"))
        #expect(snapshot.deliverables.first?.updatedAt == RFC3339.date(epochSeconds: 1_714_464_000, micros: 500_000))
        #expect(snapshot.platformConnections.first?.lastSyncedAt == .unparseable("yesterday"))
        #expect(snapshot.chatSessions.first?.summary == nil)
        #expect(snapshot.activityLog.first?.metadata == .object(["version_number": .integer(1)]))
    }

    @Test func unknownTopLevelKeyIsNamed() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "sessions": []}"#).hasPrefix("$.sessions: unknown key"))
        #expect(failure(#"{"user_id": "\#(Self.user)", "bad key": []}"#).hasPrefix(#"$["bad key"]: unknown key"#))
    }

    @Test func malformedTimestampNamesItsPath() {
        let json = """
            {"user_id": "\(Self.user)", "deliverables": [
              {"id": "00000000-0000-4000-8000-000000000001", "title": "a", "schedule": {}},
              {"id": "00000000-0000-4000-8000-000000000002", "title": "b", "schedule": {}},
              {"id": "00000000-0000-4000-8000-000000000003", "title": "c", "schedule": {}, "updated_at": "2024-13-01T00:00:00Z"}]}
            """
        #expect(failure(json) == #"$.deliverables[2].updated_at: malformed timestamp "2024-13-01T00:00:00Z"; expected RFC 3339 with an offset, e.g. 2024-05-01T09:30:00Z"#)
    }

    @Test func timestampWithoutOffsetIsRejected() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "now": "2024-05-01T12:00:00"}"#).hasPrefix("$.now: malformed timestamp"))
    }

    @Test func malformedUUIDNamesItsPath() {
        #expect(failure(#"{"user_id": "not-a-uuid"}"#) == #"$.user_id: malformed UUID "not-a-uuid""#)
        #expect(failure(#"{"user_id": "\#(Self.user)", "chat_sessions": [{"id": "123", "created_at": "2024-05-01T00:00:00Z"}]}"#)
            == #"$.chat_sessions[0].id: malformed UUID "123""#)
    }

    @Test func wrongTypesNameTheirPath() {
        #expect(failure(#"{"user_id": 5}"#) == "$.user_id: expected string, found number")
        #expect(failure(#"{"user_id": "\#(Self.user)", "activity_log": {}}"#) == "$.activity_log: expected array, found object")
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [7]}"#) == "$.user_context[0]: expected object, found number")
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [{"key": "a", "value": true}]}"#)
            == "$.user_context[0].value: expected string, found boolean")
        #expect(failure(#"[]"#) == "$: expected object, found array")
    }

    @Test func missingRequiredColumnIsNamed() {
        #expect(failure(#"{}"#) == "$.user_id: required value missing")
        #expect(failure(#"{"user_id": "\#(Self.user)", "activity_log": [{"id": "00000000-0000-4000-8000-000000000001", "summary": "x"}]}"#)
            == "$.activity_log[0].created_at: required value missing")
    }

    @Test func nullRequiredColumnIsAWrongType() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [{"key": "a", "value": null}]}"#)
            == "$.user_context[0].value: expected string, found null")
    }

    @Test func duplicatesAreRejected() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}"#)
            == #"$.user_context[1].key: duplicate "a", first at $.user_context[0].key"#)
        #expect(failure(#"{"user_id": "\#(Self.user)", "platform_connections": [{"platform": "slack"}, {"platform": "slack"}]}"#)
            .hasPrefix("$.platform_connections[1].platform: duplicate"))
    }

    @Test func idsAreUniqueAsUUIDsWhateverTheirCase() {
        let upper = "00000000-0000-4000-8000-0000000000AB", lower = upper.lowercased()
        let rows = [upper, lower].map { #"{"id": "\#($0)", "summary": "s", "created_at": "2026-11-26T12:00:00Z"}"# }
        #expect(failure(#"{"user_id": "\#(Self.user)", "activity_log": [\#(rows.joined(separator: ","))]}"#)
            == #"$.activity_log[1].id: duplicate "\#(lower)", first at $.activity_log[0].id"#)
    }

    @Test func keysAreUniqueByTheirBytesNotByCanonicalEquivalence() throws {
        // A composed and a decomposed "café" are equal as Swift strings, different to PostgreSQL.
        let json = #"{"user_id": "\#(Self.user)", "user_context": [{"key": "caf\u00e9", "value": "1"}, {"key": "cafe\u0301", "value": "2"}]}"#
        let snapshot = try SnapshotDecoder.decode(Data(json.utf8))
        #expect(snapshot.userContext.count == 2)
        #expect(snapshot.userContext[0].key == snapshot.userContext[1].key)  // equal as Swift strings
    }

    @Test func rowOfAnotherUserIsRejected() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [{"user_id": "00000000-0000-4000-8000-000000000009", "key": "a", "value": "1"}]}"#)
            .hasPrefix("$.user_context[0].user_id: row belongs to user"))
    }

    @Test func confidenceOutsideItsRangeIsRejected() {
        #expect(failure(#"{"user_id": "\#(Self.user)", "user_context": [{"key": "a", "value": "1", "confidence": 2}]}"#)
            .hasPrefix("$.user_context[0].confidence: out of range"))
    }

    @Test func invalidJSONIsReportedAtTheRoot() {
        #expect(failure(#"{"user_id": "#).hasPrefix("$: not valid JSON"))
    }

    @Test func hostileValuesInMessagesStayOnOneLine() {
        let message = failure(#"{"user_id": "\#(Self.user)", "now": "x\ny\u0007"}"#)
        #expect(message == #"$.now: malformed timestamp "x\ny\u{7}"; expected RFC 3339 with an offset, e.g. 2024-05-01T09:30:00Z"#)
    }
}
