import Foundation
import SourceData
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import PostgresStore

@Suite struct ActivityLogStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func writesAndReadsRecentEventsNewestFirstWithinTheLookback() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        let other = try database.insertUser()
        for hoursAgo in [1, 2, 30, 24 * 8] {
            try store.write(NewActivityEvent(
                user: user, type: .chatSession, summary: "event \(hoursAgo)h ago",
                createdAt: now.addingTimeInterval(-Double(hoursAgo) * 3600)
            ))
        }
        try store.write(NewActivityEvent(user: other, type: .chatSession, summary: "someone else", createdAt: now))
        try store.write(NewActivityEvent(user: user, type: .chatSession, summary: "future", createdAt: now + 60))

        let recent = try store.recent(user: user, now: now)
        #expect(recent.map(\.summary) == ["event 1h ago", "event 2h ago", "event 30h ago"])
        #expect(try store.recent(user: user, limit: 2, now: now).count == 2)
        #expect(try store.recent(user: user, lookback: 90 * 60, now: now).map(\.summary) == ["event 1h ago"])
    }

    @Test func equalTimestampsAreOrderedByIdDescending() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        let ids = (0..<5).map { _ in UUID() }
        for id in ids {
            try store.write(NewActivityEvent(user: user, type: .memoryWritten, summary: "same time", createdAt: now, id: id))
        }
        let read = try store.recent(user: user, now: now).map(\.id.lowercasedString)
        #expect(read == ids.map(\.lowercasedString).sorted(by: >))
    }

    @Test func keepsTypeRefMetadataAndTimeExactly() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        let ref = UUID()
        let at = Date(timeIntervalSince1970: 1_794_999_999.123456)
        let event = try NewActivityEvent(
            user: user, type: .deliverableRun, summary: "Weekly report v3 generated (staged)", ref: ref,
            metadata: ["strategy": "digest", "version_number": 3, "nested": .object(["ok": true])], createdAt: at
        )
        try store.write(event)
        let read = try #require(try store.recent(user: user, now: now).first)
        #expect(read.id == event.id)
        #expect(read.type == .deliverableRun)
        #expect(read.ref == ref)
        #expect(read.metadata == event.metadata)
        #expect(abs(read.createdAt.timeIntervalSince(at)) < 0.000_001)
    }

    @Test func aBatchIsWrittenInOneStatementAllOrNothing() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        let events = try (0..<500).map { index in
            try NewActivityEvent(user: user, type: .platformSynced, summary: "Synced slack/#c\(index): 3 items",
                                 metadata: ["index": .integer(Int64(index))], createdAt: now - Double(index))
        }
        let ids = try store.write(batch: events)
        #expect(ids == events.map(\.id))
        #expect(try database.activityCount() == 500)

        let stranger = UUID()
        let mixed = [try NewActivityEvent(user: user, type: .chatSession, summary: "ok"),
                     try NewActivityEvent(user: stranger, type: .chatSession, summary: "no such user")]
        #expect(throws: ActivityLogError.noSuchUser(stranger)) { try store.write(batch: mixed) }
        #expect(try database.activityCount() == 500)
    }

    @Test func anUnknownUserIsAClearError() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let stranger = UUID()
        #expect(throws: ActivityLogError.noSuchUser(stranger)) {
            try store.write(NewActivityEvent(user: stranger, type: .chatSession, summary: "hello"))
        }
        #expect(ActivityLogError.noSuchUser(stranger).description == "no such user: \(stranger.lowercasedString)")
        #expect(try database.activityCount() == 0)
    }

    @Test func invalidEventsAreRefusedBeforeAnythingIsSent() throws {
        let database = try TestDatabase.make()
        let user = try database.insertUser().lowercasedString
        let cases: [(ActivityValidationError, () throws(ActivityValidationError) -> NewActivityEvent)] = [
            (.unknownEventType("heartbeat"), { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "heartbeat", summary: "x") }),
            (.emptySummary, { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: " \n\t ") }),
            (.summaryTooLong(characters: 501), { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: String(repeating: "é", count: 501)) }),
            (.summaryContainsNUL, { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: "a\u{0}b") }),
            (.invalidUUID(field: "user", value: "42"), { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: "42", typeName: "chat_session", summary: "x") }),
            (.invalidUUID(field: "ref", value: "nope"), { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: "x", refText: "nope") }),
            (.metadataNotAnObject, { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: "x", metadataJSON: "[1,2]") }),
            (.metadataTooLarge(bytes: 16_395), { () throws(ActivityValidationError) in
                try NewActivityEvent(userText: user, typeName: "chat_session", summary: "x",
                                     metadataJSON: "{\"blob\":\"\(String(repeating: "a", count: 16_384))\"}") }),
        ]
        for (expected, make) in cases {
            #expect(throws: expected) { try make() }
        }
        #expect(try database.activityCount() == 0)
    }

    @Test func summariesAreCleaned() throws {
        let event = try NewActivityEvent(
            user: UUID(), type: .chatSession, summary: "  line one\nline\ttwo\u{7}\u{1B}[31m  "
        )
        #expect(event.summary == "line one line two[31m")
        #expect(try NewActivityEvent(user: UUID(), type: .chatSession, summary: String(repeating: "é", count: 500))
            .summary.unicodeScalars.count == 500)
    }

    @Test func updateIsRejectedAndDeleteOnlyThroughRetention() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        try store.write(NewActivityEvent(user: user, type: .chatSession, summary: "old", createdAt: now - 100 * 86_400))
        try store.write(NewActivityEvent(user: user, type: .chatSession, summary: "new", createdAt: now))
        #expect(throws: PostgresError.self) { try database.connection.query("UPDATE activity_log SET summary = 'changed'") }
        #expect(throws: PostgresError.self) { try database.connection.query("DELETE FROM activity_log") }
        #expect(try database.activityCount() == 2)

        #expect(try store.prune(olderThan: 90 * 86_400, now: now, dryRun: true) == 1)
        #expect(try database.activityCount() == 2)
        #expect(try store.prune(olderThan: 90 * 86_400, now: now) == 1)
        #expect(try store.recent(user: user, now: now).map(\.summary) == ["new"])
    }

    @Test func pruneWorksInBoundedBatches() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        let old = try (0..<25).map { try NewActivityEvent(user: user, type: .chatSession, summary: "old \($0)",
                                                          createdAt: now - 200 * 86_400) }
        try store.write(batch: old)
        #expect(try store.prune(olderThan: 90 * 86_400, now: now, batchSize: 10) == 25)
        #expect(try database.activityCount() == 0)
    }

    @Test func deletingAUserCascadesToTheirEvents() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        try store.write(NewActivityEvent(user: user, type: .chatSession, summary: "bye"))
        try database.connection.query("DELETE FROM auth.users WHERE id = \(user)")
        #expect(try database.activityCount() == 0)
    }

    @Test func aUserSeesOnlyOwnRowsAndCannotWrite() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let alice = try database.insertUser()
        let bob = try database.insertUser()
        try store.write(NewActivityEvent(user: alice, type: .chatSession, summary: "alice's"))
        try store.write(NewActivityEvent(user: bob, type: .chatSession, summary: "bob's"))

        struct Outcome: Sendable { var visible: [String]; var insert, update, delete: String? }
        let outcome = try database.connection.withSession { session in
            try session.execute(script: "SET ROLE authenticated")
            try session.query("SELECT set_config('request.jwt.claims', \("{\"sub\":\"\(alice.lowercasedString)\"}"), false)")
            defer { try? session.execute(script: "RESET ROLE; RESET request.jwt.claims") }
            let visible = try session.query("SELECT summary FROM activity_log ORDER BY summary").rows
                .map { try $0.decode(String.self, "summary") }
            func failure(_ query: PostgresQuery) -> String? {
                do { try session.query(query); return nil } catch { return error.sqlState }
            }
            return Outcome(
                visible: visible,
                insert: failure("""
                    INSERT INTO activity_log (user_id, event_type, summary) VALUES (\(alice), 'chat_session', 'forged')
                    """),
                update: failure("UPDATE activity_log SET summary = 'changed' WHERE user_id = \(alice)"),
                delete: failure("DELETE FROM activity_log WHERE user_id = \(alice)")
            )
        }
        #expect(outcome.visible == ["alice's"])
        #expect(outcome.insert == "42501")
        #expect(outcome.update == "42501")
        #expect(outcome.delete == "42501")
        #expect(try database.activityCount() == 2)
    }

    @Test func eightConcurrentWritersLeaveEveryEvent() async throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<2_000 {
                        try store.write(NewActivityEvent(user: user, type: .memoryWritten, summary: "w\(writer) #\(index)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = try database.connection.query(
            "SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids FROM activity_log"
        ).rows[0]
        #expect(try counts.decode(Int.self, "n") == 16_000)
        #expect(try counts.decode(Int.self, "distinct_ids") == 16_000)
    }
}
