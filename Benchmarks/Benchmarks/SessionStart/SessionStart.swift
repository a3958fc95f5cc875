import Benchmark
import Foundation
import PostgresStore
import PromptCompiler
import Tokenization
import WorkingMemory

// Session start against PostgreSQL: gather one user's data and render the block. Needs the database that
// scripts/bench-db.sh seeds (10,000 users, 1,000,000 events), named by WM_BENCH_DATABASE_URL.
//
// "one round trip" is the product's path (PostgresWorkingMemorySource: five reads in one pipeline).
// "six sequential queries" is the earlier version's pattern over the same wrapper: the same reads sent one
// after another, plus the separate count of active deliverables it made, decoded and rendered the same way.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )

    guard let url = ProcessInfo.processInfo.environment["WM_BENCH_DATABASE_URL"] else {
        fatalError("WM_BENCH_DATABASE_URL is not set: run scripts/bench-db.sh")
    }
    let connection = try! PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
    let users = try! connection.query("SELECT id FROM auth.users ORDER BY id").rows.map { try! $0.decode(UUID.self, "id") }
    let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")
    let template = try! PromptTemplate(contentsOfFile: templates.appendingPathComponent("working-memory.md").path)
    let renderer = WorkingMemoryRenderer(template: template, counter: try! TokenizerKind.o200kBase.makeCounter())
    let source = PostgresWorkingMemorySource(connection: connection)
    let now = Date()

    Benchmark("gather + render, one round trip") { benchmark in
        for iteration in benchmark.scaledIterations {
            let user = users[(iteration &* 7919) % users.count]
            let fetched = try source.fetchNow(user: user, now: now)
            blackHole(try renderer.render(fetched, now: now).markdown)
        }
    }

    Benchmark("gather + render, six sequential queries (earlier pattern)") { benchmark in
        for iteration in benchmark.scaledIterations {
            let user = users[(iteration &* 7919) % users.count]
            let fetched = try SequentialGather.fetch(user: user, now: now, connection: connection)
            blackHole(try renderer.render(fetched, now: now).markdown)
        }
    }

    Benchmark("gather only, one round trip") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try source.fetchNow(user: users[(iteration &* 7919) % users.count], now: now))
        }
    }
}

/// The earlier version's gathering pattern: one statement per table, each waiting for the previous one.
enum SequentialGather {
    static func fetch(user: UUID, now: Date, connection: PostgresConnection) throws -> SourceResult {
        let week = now.addingTimeInterval(-7 * 86_400)
        func rows(_ query: PostgresQuery) throws -> String {
            try connection.query(query).rows[0].decode(String.self, "rows")
        }
        let context = try rows("""
            SELECT coalesce(json_agg(t ORDER BY t.key), '[]')::text AS rows FROM (
                SELECT id, key, value, source, confidence, created_at, updated_at FROM user_context WHERE user_id = \(user)) t
            """)
        let deliverables = try rows("""
            SELECT coalesce(json_agg(t ORDER BY t.updated_at DESC, t.id), '[]')::text AS rows FROM (
                SELECT id, title, status, schedule, recipient_context, next_run_at, updated_at FROM deliverables
                WHERE user_id = \(user) AND status = 'active') t
            """)
        _ = try connection.query("SELECT count(*) AS n FROM deliverables WHERE user_id = \(user) AND status = 'active'")
        let platforms = try rows("""
            SELECT coalesce(json_agg(t ORDER BY t.platform), '[]')::text AS rows FROM (
                SELECT id, platform, status, last_synced_at, settings FROM platform_connections WHERE user_id = \(user)) t
            """)
        let sessions = try rows("""
            SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                SELECT id, created_at, summary FROM chat_sessions
                WHERE user_id = \(user) AND summary IS NOT NULL AND created_at >= \(week)) t
            """)
        let activity = try rows("""
            SELECT coalesce(json_agg(t ORDER BY t.created_at DESC, t.id), '[]')::text AS rows FROM (
                SELECT id, summary, created_at FROM activity_log
                WHERE user_id = \(user) AND created_at >= \(week)) t
            """)
        let document = """
            {"user_id":"\(user.lowercasedString)","user_context":\(context),"deliverables":\(deliverables),\
            "platform_connections":\(platforms),"chat_sessions":\(sessions),"activity_log":\(activity)}
            """
        return SourceResult(snapshot: try SnapshotDecoder.decode(Data(document.utf8)))
    }
}
