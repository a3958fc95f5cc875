import Benchmark
import Foundation
import SourceData
import WorkingMemory
import WorkingMemoryService

// The in-process cost of a cache hit: finding the entry among 10,000 users' and checking its time span
// (`lookup`), and then making the 200 answer from it (`response`). The data-version check, a database round
// trip, is not included: scripts/load.sh measures the whole request.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let now = Date()
    let users = (0..<10_000).map { _ in UUID() }
    let cache = RenderCache(capacityBytes: 64 << 20)
    let body = [UInt8](repeating: 0x61, count: 4_000)  // about a typical JSON answer's size
    let keys = users.map {
        RenderCacheKey(user: $0, template: "working-memory", tokenizer: "o200k_base", budget: nil, format: .json)
    }
    for key in keys {
        cache.store(RenderedAnswer(format: .json, body: body, dataVersion: DataVersion(epoch: 0, version: 1),
                                   renderedAt: now, validUntil: now.addingTimeInterval(3_600)), for: key)
    }

    Benchmark("lookup of a cached answer (10,000 entries)") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(cache.lookup(keys[(iteration &* 7919) % keys.count], at: now))
        }
    }

    Benchmark("lookup and 200 answer") { benchmark in
        for iteration in benchmark.scaledIterations {
            if case .candidate(let answer) = cache.lookup(keys[(iteration &* 7919) % keys.count], at: now) {
                blackHole(answer.response(ifNoneMatch: nil))
            }
        }
    }

    Benchmark("entity tag of a 4,000-byte answer (paid once per render)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RenderedAnswer.entityTag(format: .json, body: body))
        }
    }
}
