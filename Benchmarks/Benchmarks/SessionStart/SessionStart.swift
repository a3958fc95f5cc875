import Benchmark
import Foundation
import PostgresStore
import PromptCompiler
import Tokenization
import WorkingMemory

// Session start against PostgreSQL: gather one user's data and render the block. Needs the database that
// scripts/bench-db.sh seeds (10,000 users, 1,000,000 events), named by WM_BENCH_DATABASE_URL.
//
// "one round trip" is the product's path (PostgresWorkingMemorySource.fetchBlocking: the user check and five reads
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
    // The two patterns must read the same rows, or the comparison means nothing.
    for user in users.prefix(20) {
        let pipelined = try! source.fetchBlocking(user: user, now: now).snapshot
        precondition(try! source.fetchOneByOne(user: user, now: now).snapshot == pipelined,
                     "fetchOneByOne read another snapshot than fetchBlocking for \(user)")
    }

    // The target (p50 at most 0.6 ms) as a static threshold: "Thresholds/SessionStart.gather + render, one round
    // trip.p90.json" holds 0 and the p90 may exceed it by at most 600_000 ns, so `swift package benchmark
    // thresholds check` passes when the run's p90 is at most 0.6 ms (package-benchmark's static thresholds
    // compare the p90 only; docs/PERFORMANCE.md, "Checking the two thresholds").
    Benchmark("gather + render, one round trip",
              configuration: .init(thresholds: [.wallClock: .init(absolute: [.p90: 600_000])])) { benchmark in
        for iteration in benchmark.scaledIterations {
            let user = users[(iteration &* 7919) % users.count]
            let fetched = try source.fetchBlocking(user: user, now: now)
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

    // The two patterns alternately in one benchmark, on the same users: each sample times one session start
    // each way (in alternating order), so both see the same machine state; the two benchmarks above run
    // five seconds apart, and this shared VM's round trips drift between them. Reports both times and
    // their ratio (six sequential / one round trip, × 100) per pair.
    let pairedOne = BenchmarkMetric.custom("one round trip (ns)", useScalingFactor: false)
    let pairedSix = BenchmarkMetric.custom("six sequential queries (ns)", useScalingFactor: false)
    let pairedRatio = BenchmarkMetric.custom("six / one (x100)", polarity: .prefersLarger, useScalingFactor: false)
    let clock = ContinuousClock()
    func nanoseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1_000_000_000 + Int(duration.components.attoseconds / 1_000_000_000)
    }
    var pair = 0
    Benchmark("gather + render, both patterns alternately (paired)",
              configuration: .init(metrics: [pairedOne, pairedSix, pairedRatio], maxIterations: 20_000)) { benchmark in
        pair += 1
        let user = users[(pair &* 7919) % users.count]
        func timeOne() throws -> Int {
            let start = clock.now
            blackHole(try renderer.render(try source.fetchBlocking(user: user, now: now), now: now).markdown)
            return nanoseconds(clock.now - start)
        }
        func timeSix() throws -> Int {
            let start = clock.now
            blackHole(try renderer.render(try source.fetchOneByOne(user: user, now: now), now: now).markdown)
            return nanoseconds(clock.now - start)
        }
        let one: Int
        let six: Int
        if pair % 2 == 0 {
            one = try timeOne()
            six = try timeSix()
        } else {
            six = try timeSix()
            one = try timeOne()
        }
        benchmark.measurement(pairedOne, one)
        benchmark.measurement(pairedSix, six)
        benchmark.measurement(pairedRatio, 100 * six / max(1, one))
    }

    Benchmark("gather only, one round trip") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try source.fetchBlocking(user: users[(iteration &* 7919) % users.count], now: now))
        }
    }
}
