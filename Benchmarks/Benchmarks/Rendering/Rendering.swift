import Benchmark
import Foundation
import PromptCompiler
import SourceData
import Tokenization
import WorkingMemory

// One user's rendering after the compiler (issue 21): the builder and compiler together, then what is made
// on request from the result: the provenance lines, the stable block's digest, the JSON the service answers
// with (provenance included), and `--explain`'s text. Input: examples/alex.json.
// Run from Benchmarks/: swift package benchmark --target Rendering

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )
    let snapshot = try! SnapshotFileSource(contentsOf: root.appendingPathComponent("examples/alex.json")).snapshot
    let fetched = SourceResult(snapshot: snapshot)
    let now = snapshot.now!
    let renderer = WorkingMemoryRenderer(
        template: try! PromptTemplate(contentsOfFile: root.appendingPathComponent("templates/working-memory.md").path),
        counter: try! TokenizerKind.o200kBase.makeCounter())
    let rendering = try! renderer.render(fetched, now: now)

    Benchmark("build + render (alex.json)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(fetched, now: now))
        }
    }
    Benchmark("provenance lines of a rendering") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rendering.lines)
        }
    }
    Benchmark("stable block sha256") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rendering.stableSHA256)
        }
    }
    Benchmark("rendering JSON (provenance included)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rendering.jsonUTF8)
        }
    }
    Benchmark("explain text") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rendering.explanation)
        }
    }
}
