import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import SeededRandom
import SourceData
import Synchronization
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The cache never answers stale: cached reads checked against fresh renders while every kind of writer runs.
///
/// Readers ask the service (clock frozen, so the time span never ends) for random users. After each answer A
/// the reader reads the user's data afresh (`fetchBlocking`: rows and version in one snapshot) and compares:
/// - A's `data_version` equals the fresh read's: A must be byte for byte the render of that read;
/// - it equals the version of this reader's previous fresh read of the user (made before A was asked for):
///   A must be the render of that one;
/// - else, when the previous and the fresh read have the same version, nothing changed from before A to
///   after it (versions are never handed out twice), so A is stale;
/// - else the data changed while A was asked for and A cannot be checked (counted, not failed).
@Suite struct CacheExactnessTests {
    static let now = RFC3339.date(from: "2026-11-26T09:30:00Z")!
    static let readers = 8
    /// Each reader stops once 10,000 answers are checked in all, or after this many reads.
    static let maximumReadsPerReader = 2_500

    @Test func cachedAnswersEqualFreshRendersWhileWritersRun() async throws {
        let database = try TestDatabase.make()
        var users = try (0..<24).map { try database.makeVariedUser($0) }
        for (index, user) in users.enumerated() {
            try database.connection.query("""
                INSERT INTO deliverables (user_id, title, schedule) VALUES (\(user), \("Report \(index)"), '{"frequency": "weekly"}')
                """)
            try database.connection.query("""
                INSERT INTO platform_connections (user_id, platform, status, last_synced_at)
                VALUES (\(user), 'slack', 'active', \(Self.now.addingTimeInterval(-Double(index) * 600)))
                """)
        }
        let doomed = users.removeLast()  // deleted while the readers run; still asked for
        let asked = users + [doomed]
        let renderer = try TestService.catalog.renderer(template: nil, tokenizer: nil)
        let clock = ManualClock(Self.now)
        let tally = Tally()
        let writers = WriterThreads()
        try writers.start(url: database.url, users: users, doomed: doomed)
        defer { writers.join() }

        try await TestService.with(databaseURL: database.url, pool: PoolSettings(size: 4), clock: clock.serviceClock) { service in
            try await TestService.application(service).test(.router) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for reader in 0..<Self.readers {
                        group.addTask {
                            let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: database.url))
                            let source = PostgresWorkingMemorySource(connection: connection)
                            var previous: [UUID: Fresh] = [:]
                            var random = SeededGenerator(seed: UInt64(reader + 1))
                            for _ in 0..<Self.maximumReadsPerReader where tally.result.checked < 10_000 {
                                let user = asked[Int(random.next() % UInt64(asked.count))]
                                let (status, body) = try await client.execute(
                                    uri: "/v1/users/\(user.lowercasedString)/working-memory", method: .get, headers: TestService.authorized
                                ) { (UInt16($0.status.code), $0.text) }
                                let fresh = try Fresh(user: user, source: source, now: Self.now)
                                tally.check(status: status, body: body, before: previous[user], after: fresh, renderer: renderer, now: Self.now)
                                previous[user] = fresh
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                tally.hits = Int(RenderCacheRouteTests.metric(service, "wm_render_cache_hits_total"))
            }
        }
        writers.join()
        let result = tally.result
        #expect(writers.failures.isEmpty, "\(writers.failures)")
        #expect(writers.operations > 100, "the writers must really run alongside: \(writers.operations) operations")
        #expect(result.stale.isEmpty, "stale answers: \(result.stale.prefix(3))")
        #expect(result.checked >= 10_000, "checked \(result.checked), unverifiable \(result.unverifiable)")
        #expect(result.hits >= 3_000, "the reads must mostly be cache hits to test the cache: \(result.hits)")
        #expect(result.deletedSeen, "the deleted user must have been asked for after its deletion")
    }
}

/// A fresh read of one user: its data version, and (lazily) the JSON it renders to; nil data when the user is gone.
private struct Fresh {
    let fetched: SourceResult?

    init(user: UUID, source: PostgresWorkingMemorySource, now: Date) throws {
        do {
            fetched = try source.fetchBlocking(user: user, now: now)
        } catch SourceError.noSuchUser {
            fetched = nil
        }
    }

    var version: String? { fetched?.dataVersion?.description }
}

/// What the readers found.
private final class Tally: Sendable {
    struct Result {
        var checked = 0
        var unverifiable = 0
        var stale: [String] = []
        var hits = 0
        var deletedSeen = false
    }

    private let state = Mutex(Result())

    var result: Result { state.withLock { $0 } }
    var hits: Int {
        get { state.withLock { $0.hits } }
        set { state.withLock { $0.hits = newValue } }
    }

    func check(status: UInt16, body: String, before: Fresh?, after: Fresh, renderer: WorkingMemoryRenderer, now: Date) {
        func rendered(_ fresh: Fresh) -> String {
            (try? renderer.render(fresh.fetched!, now: now)).map { String(decoding: $0.jsonUTF8, as: UTF8.self) } ?? "<render failed>"
        }
        var outcome: (checked: Bool, stale: String?) = (false, nil)
        if status == 404 {
            // The service saw the user gone; the fresh read, made later, must see it gone too.
            outcome = after.fetched == nil ? (true, nil) : (true, "404 for an existing user")
            state.withLock { $0.deletedSeen = true }
        } else if status != 200 {
            outcome = (true, "status \(status): \(body.prefix(200))")
        } else {
            let version = (try? JSONValue.parse(body))?["data_version"].flatMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
            if let version, version == after.version {
                outcome = (true, body == rendered(after) ? nil : "differs from the render at \(version)")
            } else if let before, let version, version == before.version {
                outcome = (true, body == rendered(before) ? nil : "differs from the earlier render at \(version)")
            } else if let before, before.version == after.version {
                outcome = (true, "answered \(version ?? "no version") while the data stayed at \(after.version ?? "deleted")")
            }
        }
        state.withLock { result in
            if outcome.checked { result.checked += 1 } else { result.unverifiable += 1 }
            if let stale = outcome.stale { result.stale.append(stale) }
        }
    }
}

/// Every kind of write the cache must notice, each on its own thread with its own connection.
private final class WriterThreads: Sendable {
    private let stop = Atomic<Bool>(false)
    private let done = DispatchGroup()
    private let failed = Mutex<[String]>([])
    private let count = Atomic<Int>(0)

    var failures: [String] { failed.withLock { $0 } }
    var operations: Int { count.load(ordering: .relaxed) }

    func join() {
        stop.store(true, ordering: .relaxed)
        done.wait()
    }

    func start(url: String, users: [UUID], doomed: UUID) throws {
        let kinds: [(String, @Sendable (PostgresConnection, inout SeededGenerator, Int) throws -> Void)] = [
            ("activity batches", { connection, random, _ in
                let store = ActivityLogStore(connection: connection)
                // Half inside the 7-day window (shown or counted), half before it (a change the block does not show).
                let events = try (0..<Int(1 + random.next() % 5)).map { index in
                    try NewActivityEvent(user: users[Int(random.next() % UInt64(users.count))], type: .platformSynced,
                                         summary: "Synced batch item \(index)",
                                         createdAt: CacheExactnessTests.now.addingTimeInterval(-Double(random.next() % 1_209_600)))
                }
                try store.write(batch: events)
            }),
            ("user_context", { connection, random, round in
                let user = users[Int(random.next() % UInt64(users.count))]
                switch round % 3 {
                case 0: try connection.query("""
                    INSERT INTO user_context (user_id, key, value) VALUES (\(user), \("fact:r\(round)"), \("Fact \(round)"))
                    ON CONFLICT (user_id, key) DO NOTHING
                    """)
                case 1: try connection.query("UPDATE user_context SET value = \("User renamed \(round)") WHERE user_id = \(user) AND key = 'name'")
                default: try connection.query("DELETE FROM user_context WHERE user_id = \(user) AND key LIKE 'fact:r%'")
                }
            }),
            ("deliverables and platforms", { connection, random, round in
                let user = users[Int(random.next() % UInt64(users.count))]
                if round % 2 == 0 {
                    try connection.query("""
                        UPDATE deliverables SET status = CASE status WHEN 'active' THEN 'paused' ELSE 'active' END WHERE user_id = \(user)
                        """)
                } else {
                    try connection.query("""
                        UPDATE platform_connections SET last_synced_at = \(CacheExactnessTests.now.addingTimeInterval(-Double(random.next() % 10_000)))
                        WHERE user_id = \(user)
                        """)
                }
            }),
            ("a deleted user and a truncate", { connection, _, round in
                if round == 20 { try connection.query("DELETE FROM auth.users WHERE id = \(doomed)") }
                if round == 100 { try connection.query("TRUNCATE chat_sessions") }
            }),
        ]
        for (index, (name, write)) in kinds.enumerated() {
            let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                var random = SeededGenerator(seed: UInt64(100 + index))
                var round = 0
                while !stop.load(ordering: .relaxed) {
                    do {
                        try write(connection, &random, round)
                        count.add(1, ordering: .relaxed)
                    } catch {
                        failed.withLock { $0.append("\(name): \(error)") }
                    }
                    round += 1
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }.start()
        }
    }
}
