import Foundation
import SourceData
import Synchronization
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import PostgresStore

/// The per-user data versions of migration 005: every change bumps, nothing else does, and writers never
/// deadlock or fail on them.
@Suite struct DataVersionTests {
    let database: TestDatabase
    init() throws { database = try TestDatabase.make() }

    func version(_ user: UUID) throws -> DataVersion {
        try DataVersionRead().version(of: user, on: database.connection)
    }

    /// How many versions the sequence has handed out so far.
    func bumps() throws -> Int {
        try database.connection.query("SELECT last_value - CASE WHEN is_called THEN 0 ELSE 1 END AS n FROM wm_data_version_seq")
            .rows[0].decode(Int.self, "n")
    }

    @Test func aUserWithoutChangesHasVersionZero() throws {
        let user = UUID()
        #expect(try version(user) == DataVersion(epoch: 0, version: 0))
        try database.insertUser(user)
        #expect(try version(user).version != 0, "creating the user is a change")
    }

    @Test func aBatchBumpsEachOfItsUsersOnce() throws {
        let users = try (0..<3).map { _ in try database.insertUser() }
        let before = try users.map(version)
        let bumpsBefore = try bumps()
        let events = try (0..<1_000).map { index in
            try NewActivityEvent(user: users[index % 2], type: .platformSynced, summary: "Synced \(index)")
        }
        try ActivityLogStore(connection: database.connection).write(batch: events)
        #expect(try bumps() - bumpsBefore == 2)
        #expect(try version(users[0]) != before[0])
        #expect(try version(users[1]) != before[1])
        #expect(try version(users[2]) == before[2], "a user the batch did not touch keeps its version")
    }

    @Test func aWriteThatChangesNothingKeepsTheVersion() throws {
        let user = try database.insertUser()
        let store = ActivityLogStore(connection: database.connection)
        let event = try NewActivityEvent(user: user, type: .memoryWritten, summary: "Noted")
        try store.write(event)
        let after = try version(user)
        try store.write(event)  // the same id again: ON CONFLICT DO NOTHING inserts no row
        #expect(try version(user) == after)
        try database.connection.query("UPDATE user_context SET value = 'x' WHERE user_id = \(user)")  // no rows
        #expect(try version(user) == after)
    }

    /// Insert, update and delete in every source table change the owner's version and no one else's.
    @Test(arguments: [
        ("user_context", "INSERT INTO user_context (user_id, key, value) VALUES ($1, 'name', 'Alex')",
         "UPDATE user_context SET value = 'Sam' WHERE user_id = $1", "DELETE FROM user_context WHERE user_id = $1"),
        ("deliverables", "INSERT INTO deliverables (user_id, title, schedule) VALUES ($1, 'Digest', '{}')",
         "UPDATE deliverables SET status = 'paused' WHERE user_id = $1", "DELETE FROM deliverables WHERE user_id = $1"),
        ("platform_connections", "INSERT INTO platform_connections (user_id, platform) VALUES ($1, 'slack')",
         "UPDATE platform_connections SET last_synced_at = now() WHERE user_id = $1",
         "DELETE FROM platform_connections WHERE user_id = $1"),
        ("chat_sessions", "INSERT INTO chat_sessions (user_id, summary) VALUES ($1, 'Talked')",
         "UPDATE chat_sessions SET summary = 'Talked more' WHERE user_id = $1", "DELETE FROM chat_sessions WHERE user_id = $1"),
        ("auth.users", "INSERT INTO auth.users (id) VALUES ($1)",
         "UPDATE auth.users SET email = 'a@example.com' WHERE id = $1", "DELETE FROM auth.users WHERE id = $1"),
    ])
    func everyChangeToASourceTableBumps(table: String, insert: String, update: String, delete: String) throws {
        let user = table == "auth.users" ? UUID() : try database.insertUser()
        let bystander = try database.insertUser()
        let bystanderVersion = try version(bystander)
        var seen = [try version(user)]
        for sql in [insert, update, delete] {
            try database.connection.query(PostgresQuery(sql: sql.replacingOccurrences(of: "$1", with: "$1::uuid"), binds: [PostgresBind(user)]))
            let now = try version(user)
            #expect(!seen.contains(now), "\(table): \(sql.prefix(6)) gave a version seen before")
            seen.append(now)
        }
        #expect(try version(bystander) == bystanderVersion)
    }

    @Test func anUpdateThatMovesARowBumpsBothUsers() throws {
        let (from, to) = (try database.insertUser(), try database.insertUser())
        try database.connection.query("INSERT INTO user_context (user_id, key, value) VALUES (\(from), 'name', 'Alex')")
        let before = (try version(from), try version(to))
        try database.connection.query("UPDATE user_context SET user_id = \(to) WHERE user_id = \(from)")
        #expect(try version(from) != before.0)
        #expect(try version(to) != before.1)
    }

    @Test(arguments: ["user_context", "deliverables", "platform_connections", "chat_sessions", "activity_log"])
    func truncateBumpsEveryUser(table: String) throws {
        let user = try database.insertUser()
        let before = try version(user)
        try database.connection.query("TRUNCATE \(unescaped: table)")
        let after = try version(user)
        #expect(after != before)
        #expect(after.epoch != before.epoch && after.version == before.version)
        #expect(try version(UUID()).epoch == after.epoch, "users without a row share the epoch too")
    }

    @Test func deletingAUserCountsAsAChangeAndSoDoesCreatingItAgain() throws {
        let user = try database.insertUser()
        try ActivityLogStore(connection: database.connection).write(
            try NewActivityEvent(user: user, type: .memoryWritten, summary: "Noted"))
        let before = try version(user)
        try database.connection.query("DELETE FROM auth.users WHERE id = \(user)")  // cascades to activity_log
        let deleted = try version(user)
        #expect(deleted != before)
        try database.insertUser(user)
        #expect(try version(user) != deleted)
        #expect(try version(user) != before)
    }

    /// Row-level security: a signed-in user's own write bumps, although that role can neither read nor write
    /// the version tables itself.
    @Test func rowLevelSecurityCannotBlockTheBump() throws {
        let user = try database.insertUser()
        let before = try version(user)
        try database.connection.withSession { session in
            try session.transaction { session in
                try session.query("SET LOCAL ROLE authenticated")
                try session.query("SELECT set_config('request.jwt.claim.sub', \(user.lowercasedString), true)")
                try session.query("INSERT INTO user_context (user_id, key, value) VALUES (\(user), 'name', 'Alex')")
            }
        }
        #expect(try version(user) != before)
        #expect(throws: PostgresError.self) {
            try database.connection.withSession { session in
                try session.transaction { session in
                    try session.query("SET LOCAL ROLE authenticated")
                    try session.query("SELECT version FROM wm_data_versions")
                }
            }
        }
    }

    /// The functions' own search_path: a look-alike table earlier on the caller's path is never written.
    @Test func aCallersSearchPathCannotRedirectTheBump() throws {
        let user = try database.insertUser()
        let before = try version(user)
        try database.connection.query("CREATE SCHEMA decoy")
        try database.connection.query("CREATE TABLE decoy.wm_data_versions (user_id uuid PRIMARY KEY, version bigint)")
        try database.connection.withSession { session in
            try session.transaction { session in
                try session.query("SET LOCAL search_path = decoy, public")
                try session.query("INSERT INTO user_context (user_id, key, value) VALUES (\(user), 'name', 'Alex')")
            }
        }
        #expect(try version(user) != before)
        #expect(try database.connection.query("SELECT count(*) AS n FROM decoy.wm_data_versions").rows[0].decode(Int.self, "n") == 0)
    }

    /// 8 writers, 2,000 events each in batches over the same 40 users in different orders.
    @Test func concurrentWritersNeitherDeadlockNorFail() throws {
        let users = try (0..<40).map { _ in try database.insertUser() }
        let before = try database.activityCount()
        let failures = try ConcurrentWriters.run(count: 8, url: database.url) { writer, store in
            var random = SystemRandomNumberGenerator()
            for batch in 0..<20 {
                let order = writer % 2 == 0 ? users : users.reversed()
                let events = try (0..<100).map { index in
                    try NewActivityEvent(
                        user: order[(index + batch * 7) % order.count], type: .platformSynced,
                        summary: "writer \(writer) batch \(batch) event \(index) \(random.next() % 1000)")
                }
                try store.write(batch: events.shuffled())
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try database.activityCount() - before == 16_000)
    }

    /// Batches that each touch every one of the same users, sent at once from many connections.
    @Test func overlappingBatchesAllSucceed() throws {
        let users = try (0..<10).map { _ in try database.insertUser() }
        let failures = try ConcurrentWriters.run(count: 8, url: database.url) { writer, store in
            for round in 0..<25 {
                let events = try users.shuffled().map { user in
                    try NewActivityEvent(user: user, type: .memoryWritten, summary: "writer \(writer) round \(round)")
                }
                try store.write(batch: events)
                // A second statement in its own transaction, touching another user set.
                try store.write(try NewActivityEvent(user: users[(writer + round) % users.count], type: .chatSession, summary: "s"))
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try database.activityCount() == 8 * 25 * 11)
    }

    // MARK: - The source reads the version with the data

    @Test func theSourceReadsTheVersionInTheSnapshotOfItsData() throws {
        let user = try database.insertUser()
        let source = PostgresWorkingMemorySource(connection: database.connection)
        let first = try source.fetchBlocking(user: user, now: Date())
        #expect(first.dataVersion == (try version(user)))
        try ActivityLogStore(connection: database.connection).write(
            try NewActivityEvent(user: user, type: .memoryWritten, summary: "Noted"))
        let second = try source.fetchBlocking(user: user, now: Date())
        #expect(second.dataVersion != first.dataVersion)
        #expect(second.snapshot.activityLog.count == 1)
    }

    @Test func throughTheTransactionPoolerTheVersionIsReadToo() throws {
        let user = try database.insertUser()
        let pooled = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: database.pgbouncerURL, pooler: .transaction))
        let fetched = try PostgresWorkingMemorySource(connection: pooled).fetchBlocking(user: user, now: Date())
        #expect(fetched.dataVersion == (try version(user)))
        #expect(try DataVersionRead().version(of: user, on: pooled) == (try version(user)))
    }

    @Test func withoutMigration005TheDataStillRendersWithoutAVersion() throws {
        let user = try database.insertUser()
        try database.connection.query("INSERT INTO user_context (user_id, key, value) VALUES (\(user), 'name', 'Alex')")
        try database.connection.query("DROP TABLE wm_data_epoch")
        let fetched = try PostgresWorkingMemorySource(connection: database.connection).fetchBlocking(user: user, now: Date())
        #expect(fetched.dataVersion == nil)
        #expect(fetched.failedSources.isEmpty)
        #expect(fetched.snapshot.userContext.count == 1)
    }
}

/// Runs writers on their own threads (libpq blocks; the test's cooperative pool has only as many threads as
/// cores), each with its own connection, and collects what they threw.
enum ConcurrentWriters {
    static func run(
        count: Int, url: String, _ body: @escaping @Sendable (Int, ActivityLogStore) throws -> Void
    ) throws -> [String] {
        let failures = Failures()
        let done = DispatchGroup()
        for writer in 0..<count {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
                    try body(writer, ActivityLogStore(connection: connection))
                } catch {
                    failures.append("writer \(writer): \(error)")
                }
            }
            thread.start()
        }
        done.wait()
        return failures.all
    }

    private final class Failures: Sendable {
        private let items = Mutex<[String]>([])
        func append(_ item: String) { items.withLock { $0.append(item) } }
        var all: [String] { items.withLock { $0 } }
    }
}
