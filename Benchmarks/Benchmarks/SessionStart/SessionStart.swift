import Benchmark
import Foundation
import PostgresStore
import PromptCompiler
import Tokenization
import WorkingMemory

// Session start against PostgreSQL: gather one user's data and render the block. Needs the database that
// scripts/bench-db.sh seeds (10,000 users, 1,000,000 events), named by WM_BENCH_DATABASE_URL.
//
// "one round trip" is the product's path (PostgresWorkingMemorySource.fetchNow: the user check and five reads
// in one pipeline). "six sequential queries" is the earlier version's pattern over the same wrapper
// (fetchOneByOne): the same reads sent one after another, plus the separate count of active deliverables it
// made, decoded and rendered the same way.

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
            let fetched = try source.fetchOneByOne(user: user, now: now)
            blackHole(try renderer.render(fetched, now: now).markdown)
        }
    }

    Benchmark("gather only, one round trip") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try source.fetchNow(user: users[(iteration &* 7919) % users.count], now: now))
        }
    }
}
