import Benchmark
import Foundation
import PostgresStore
import SourceData

// Needs a migrated database seeded by scripts/bench-store.sh (10,000 users, 1,000,000 events), named by
// WM_BENCH_DATABASE_URL. Each benchmark uses one connection, as one worker would.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )

    guard let url = ProcessInfo.processInfo.environment["WM_BENCH_DATABASE_URL"] else {
        fatalError("WM_BENCH_DATABASE_URL is not set: run scripts/bench-store.sh")
    }
    let connection = try! PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
    let store = ActivityLogStore(connection: connection)
    let users = try! connection.query("SELECT id FROM auth.users ORDER BY id LIMIT 10000").rows
        .map { try! $0.decode(UUID.self, "id") }
    let now = Date()

    /// 1,000 sync events spread over the users, as a sync worker would write them.
    @Sendable func makeBatch(_ iteration: Int) throws -> [NewActivityEvent] {
        try (0..<1000).map { index in
            try NewActivityEvent(
                user: users[(iteration * 1000 + index) % users.count], type: .platformSynced,
                summary: "Synced slack/#general: \(index) items", metadata: ["item_count": .integer(Int64(index))]
            )
        }
    }

    Benchmark("write one event") { benchmark in
        for iteration in benchmark.scaledIterations {
            let event = try NewActivityEvent(
                user: users[iteration % users.count], type: .memoryWritten, summary: "Noted: fact:bench = \(iteration)"
            )
            blackHole(try store.write(event))
        }
    }

    Benchmark(
        "write batch of 1000 events",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo)
    ) { benchmark in
        // scalingFactor .kilo: throughput is reported per event (1000 events an iteration).
        for iteration in 0..<(benchmark.scaledIterations.count / 1000) {
            blackHole(try store.write(batch: makeBatch(iteration)))
        }
    }

    Benchmark(
        "prepare batch of 1000 events (validation only, no I/O)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo)
    ) { benchmark in
        for iteration in 0..<(benchmark.scaledIterations.count / 1000) {
            blackHole(try makeBatch(iteration))
        }
    }

    Benchmark("recent (10 events, 7 days) of one user") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try store.recent(user: users[(iteration &* 7919) % users.count], now: now))
        }
    }
}
