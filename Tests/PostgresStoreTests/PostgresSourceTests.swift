import Foundation
import PromptCompiler
import SourceData
import TestDatabaseSupport
import Testing
import Tokenization
import WireFormats
import WorkingMemory
@_spi(Benchmarks) @testable import PostgresStore

@Suite struct PostgresSourceTests {
    static let user = UUID(uuidString: "5a0c9c1e-7d2b-4f5e-9a61-2b7f1c3d4e5f")!
    static let now = RFC3339.date(from: "2026-11-26T12:00:00Z")!

    /// Every column the source reads (and, for activity, the ones it leaves out), all inside the lookback
    /// windows, in the order the source reads them.
    static let snapshotJSON = """
        {
          "user_id": "\(user.lowercasedString)",
          "user_context": [
            {"id": "00000000-0000-4000-8000-000000000002", "key": "fact:dog", "value": "Has a dog named *Rex*",
             "source": "tp_extracted", "confidence": 0.8, "created_at": "2026-10-02T09:00:00Z",
             "updated_at": "2026-10-03T09:00:00.123456Z"},
            {"id": "00000000-0000-4000-8000-000000000001", "key": "name", "value": "Alex", "source": "user_stated",
             "confidence": 1, "created_at": "2026-10-01T09:00:00Z", "updated_at": "2026-10-01T09:00:00Z"}
          ],
          "deliverables": [
            {"id": "00000000-0000-4000-8000-000000000011", "title": "Weekly digest", "status": "active",
             "schedule": {"frequency": "weekly", "day": "monday"}, "recipient_context": {"name": "Sam"},
             "next_run_at": "2026-11-30T08:00:00Z", "updated_at": "2026-11-20T08:00:00Z"}
          ],
          "platform_connections": [
            {"id": "00000000-0000-4000-8000-000000000022", "platform": "gmail", "status": "error",
             "last_synced_at": null, "settings": null},
            {"id": "00000000-0000-4000-8000-000000000021", "platform": "slack", "status": "connected",
             "last_synced_at": "2026-11-26T10:00:00Z", "settings": {"channels": ["#general"]}}
          ],
          "chat_sessions": [
            {"id": "00000000-0000-4000-8000-000000000031", "created_at": "2026-11-25T15:00:00Z",
             "summary": "Planned the Q4 review"}
          ],
          "activity_log": [
            {"id": "00000000-0000-4000-8000-000000000041", "event_type": "platform_synced", "event_ref": null,
             "summary": "Synced slack/#general: 12 items", "metadata": {"item_count": 12},
             "created_at": "2026-11-26T10:00:00Z"},
            {"id": "00000000-0000-4000-8000-000000000042", "event_type": "deliverable_run",
             "event_ref": "00000000-0000-4000-8000-000000000099", "summary": "Weekly digest v3 generated (delivered)",
             "metadata": null, "created_at": "2026-11-24T08:00:00Z"}
          ]
        }
        """

    /// A fresh database holding `snapshotJSON`'s rows.
    static func databaseWithTheSnapshot() throws -> TestDatabase {
        let database = try TestDatabase.make()
        try load(try SnapshotDecoder.decode(Data(snapshotJSON.utf8)), into: database)
        return database
    }

    static func load(_ snapshot: Snapshot, into database: TestDatabase) throws {
        let c = database.connection
        let user = snapshot.userID
        try database.insertUser(user)
        for row in snapshot.userContext {
            try c.query("""
                INSERT INTO user_context (id, user_id, key, value, source, confidence, created_at, updated_at)
                VALUES (\(row.id!), \(user), \(row.key), \(row.value), \(row.source!), \(row.confidence!),
                        \(row.createdAt!), \(row.updatedAt!))
                """)
        }
        for row in snapshot.deliverables {
            try c.query("""
                INSERT INTO deliverables (id, user_id, title, status, schedule, recipient_context, next_run_at, updated_at)
                VALUES (\(row.id), \(user), \(row.title), \(row.status!), \(PostgresJSON(text: row.schedule.jsonText)),
                        \(row.recipientContext.map { PostgresJSON(text: $0.jsonText) }), \(row.nextRunAt), \(row.updatedAt!))
                """)
        }
        for row in snapshot.platformConnections {
            try c.query("""
                INSERT INTO platform_connections (id, user_id, platform, status, last_synced_at, settings)
                VALUES (\(row.id!), \(user), \(row.platform), \(row.status!), \(row.lastSyncedAt.flatMap(Self.instant)),
                        \(row.settings.map { PostgresJSON(text: $0.jsonText) }))
                """)
        }
        for row in snapshot.chatSessions {
            try c.query("""
                INSERT INTO chat_sessions (id, user_id, created_at, summary)
                VALUES (\(row.id), \(user), \(row.createdAt), \(row.summary))
                """)
        }
        for row in snapshot.activityLog {
            try c.query("""
                INSERT INTO activity_log (id, user_id, event_type, event_ref, summary, metadata, created_at)
                VALUES (\(row.id), \(user), \(row.eventType!), \(row.eventRef), \(row.summary),
                        \(row.metadata.map { PostgresJSON(text: $0.jsonText) }), \(row.createdAt))
                """)
        }
    }

    static func instant(_ sync: LastSync) -> Date? {
        if case .at(let date) = sync { return date }
        return nil
    }

    /// The snapshot the source reads for `file`'s rows: activity rows carry only the columns the prompt shows.
    static func asRead(_ file: Snapshot) -> Snapshot {
        var read = file
        read.activityLog = file.activityLog.map { ActivityLogRow(id: $0.id, summary: $0.summary, createdAt: $0.createdAt) }
        return read
    }

    @Test func theDatabaseGivesTheSameSnapshotAsTheFile() async throws {
        let database = try TestDatabase.make()
        let file = try SnapshotDecoder.decode(Data(Self.snapshotJSON.utf8))
        try Self.load(file, into: database)
        let expected = Self.asRead(file)
        #expect(expected.activityLog.count == 2 && expected.activityLog[0].eventType == nil)
        let result = try await PostgresWorkingMemorySource(connection: database.connection).fetch(user: Self.user, now: Self.now)
        #expect(result.failedSources.isEmpty)
        #expect(result.snapshot == expected)
        // And the file written from it reads back the same.
        #expect(try SnapshotDecoder.decode(Data(SnapshotEncoder.encode(result.snapshot).utf8)) == expected)
    }

    @Test func rowsOutsideTheWindowsAndOtherUsersAreNotRead() async throws {
        let database = try Self.databaseWithTheSnapshot()
        let other = try database.insertUser()
        let store = ActivityLogStore(connection: database.connection)
        try store.write(NewActivityEvent(user: Self.user, type: .chatSession, summary: "old", createdAt: Self.now - 8 * 86_400))
        try store.write(NewActivityEvent(user: other, type: .chatSession, summary: "someone else's", createdAt: Self.now))
        try database.connection.query("""
            INSERT INTO deliverables (user_id, title, status, schedule) VALUES (\(Self.user), 'Paused', 'paused', '{}')
            """)
        let result = try await PostgresWorkingMemorySource(connection: database.connection).fetch(user: Self.user, now: Self.now)
        #expect(result.snapshot.activityLog.map(\.summary) == ["Synced slack/#general: 12 items", "Weekly digest v3 generated (delivered)"])
        #expect(result.snapshot.deliverables.map(\.title) == ["Weekly digest"])
    }

    @Test func theActivityReadIsAnIndexOnlyScanOfTheCoveringIndex() throws {
        let database = try Self.databaseWithTheSnapshot()
        try database.connection.query("VACUUM activity_log")
        // A tiny table would be read sequentially: rule the other plans out to see what the index can do.
        try database.connection.query("SET enable_seqscan = off")
        try database.connection.query("SET enable_bitmapscan = off")
        let read = PostgresWorkingMemorySource(connection: database.connection).query(for: .activityLog, user: Self.user, now: Self.now)
        let plan = try database.connection.query(PostgresQuery(sql: "EXPLAIN " + read.sql, binds: read.binds))
            .rows.map { try $0.decode(String.self, "QUERY PLAN") }.joined(separator: "\n")
        #expect(plan.contains("Index Only Scan using activity_log_user_created_covering_idx"), "\(plan)")
    }

    @Test func theLongestSummaryFitsTheCoveringIndex() throws {
        let database = try TestDatabase.make()
        let user = try database.insertUser()
        // 500 characters (the CHECK's most) of 4 bytes each: the largest entry the index can get.
        let summary = String(repeating: "🙂", count: 500)
        try ActivityLogStore(connection: database.connection)
            .write(NewActivityEvent(user: user, type: .memoryWritten, summary: summary, createdAt: Self.now))
        let fetched = try PostgresWorkingMemorySource(connection: database.connection).fetchBlocking(user: user, now: Self.now)
        #expect(fetched.snapshot.activityLog.map(\.summary) == [summary])
    }

    @Test func anUnreadableTableIsNamedAndTheOthersStillArrive() async throws {
        let database = try Self.databaseWithTheSnapshot()
        try database.connection.query("ALTER TABLE chat_sessions RENAME TO chat_sessions_elsewhere")
        let result = try await PostgresWorkingMemorySource(connection: database.connection).fetch(user: Self.user, now: Self.now)
        #expect(result.failedSources.map(\.table) == [.chatSessions])
        #expect(result.failedSources.first?.reason.contains("42P01") == true)
        #expect(result.dataVersion == nil, "the rows came from several snapshots: no version can vouch for them")
        #expect(result.snapshot.chatSessions.isEmpty)
        #expect(result.snapshot.activityLog.count == 2)
        #expect(result.snapshot.userContext.count == 2)
    }

    @Test func preparedReadsAreReusedAndSurviveAReconnect() async throws {
        let database = try Self.databaseWithTheSnapshot()
        let source = PostgresWorkingMemorySource(connection: database.connection)
        let first = try await source.fetch(user: Self.user, now: Self.now)
        let prepared = try database.connection.query(
            "SELECT name FROM pg_prepared_statements WHERE name LIKE 'wm_source_%' ORDER BY name"
        ).rows.map { try $0.decode(String.self, "name") }
        #expect(prepared == (["wm_source_data_version", "wm_source_known_user"] + SnapshotTable.allCases.map { "wm_source_" + $0.rawValue }).sorted())
        let pid = try database.connection.query("SELECT pg_backend_pid() AS pid").rows[0].decode(Int.self, "pid")
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        try admin.query("SELECT pg_terminate_backend(\(pid)::int)")
        let second = try await source.fetch(user: Self.user, now: Self.now)
        #expect(second == first)
        #expect(second.failedSources.isEmpty)
    }

    @Test func anUnknownUserIsAnErrorNotAnEmptyBlock() async throws {
        let database = try TestDatabase.make()
        let source = PostgresWorkingMemorySource(connection: database.connection)
        let stranger = UUID()
        await #expect(throws: SourceError.noSuchUser(stranger)) { try await source.fetch(user: stranger, now: Self.now) }
        #expect(throws: SourceError.noSuchUser(stranger)) { try source.fetchBlocking(user: stranger, now: Self.now) }
        // A user who exists but has no data yet is a cold start, not an error.
        let newcomer = try database.insertUser()
        let fetched = try await source.fetch(user: newcomer, now: Self.now)
        #expect(fetched.snapshot == Snapshot(userID: newcomer))
        #expect(fetched.failedSources.isEmpty)
    }

    @Test func anUnreachableDatabaseThrows() async throws {
        let database = try TestDatabase.make()
        let source = PostgresWorkingMemorySource(connection: database.connection)
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        try admin.query("ALTER DATABASE \(unescaped: database.name) ALLOW_CONNECTIONS false")
        try admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(database.name)")
        await #expect(throws: PostgresError.self) { try await source.fetch(user: Self.user, now: Self.now) }
    }
}

@Suite struct PostgresRenderTests {
    static func renderer() throws -> WorkingMemoryRenderer {
        let path = TestDatabase.migrationsDirectory.deletingLastPathComponent()
            .appendingPathComponent("templates/working-memory.md").path
        return WorkingMemoryRenderer(template: try PromptTemplate(contentsOfFile: path), counter: try TokenizerKind.o200kBase.makeCounter())
    }

    @Test func databaseAndSnapshotRenderTheSameBytes() async throws {
        let database = try TestDatabase.make()
        let snapshot = try SnapshotDecoder.decode(Data(PostgresSourceTests.snapshotJSON.utf8))
        try PostgresSourceTests.load(snapshot, into: database)
        let fetched = try await PostgresWorkingMemorySource(connection: database.connection)
            .fetch(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        let renderer = try Self.renderer()
        let fromDatabase = try renderer.render(fetched, now: PostgresSourceTests.now)
        let fromFile = try renderer.render(SourceResult(snapshot: snapshot), now: PostgresSourceTests.now)
        #expect(fromDatabase.markdown == fromFile.markdown)
        #expect(fromDatabase.markdown.contains("Has a dog named \\*Rex\\*"))
        #expect(fromDatabase.report.json() == fromFile.report.json())
    }

    @Test func anUnreadableTableStillRendersAndIsNamed() async throws {
        let database = try TestDatabase.make()
        try PostgresSourceTests.load(try SnapshotDecoder.decode(Data(PostgresSourceTests.snapshotJSON.utf8)), into: database)
        try database.connection.query("ALTER TABLE activity_log RENAME TO activity_log_elsewhere")
        let fetched = try await PostgresWorkingMemorySource(connection: database.connection)
            .fetch(user: PostgresSourceTests.user, now: PostgresSourceTests.now)
        let rendering = try Self.renderer().render(fetched, now: PostgresSourceTests.now)
        #expect(rendering.failedSources.map(\.table) == [.activityLog])
        #expect(rendering.report.notes?.first?.hasPrefix("source failed: activity_log:") == true)
        #expect(rendering.markdown.contains("### About you"))
        #expect(!rendering.markdown.contains("### Recent activity"))
    }
}
