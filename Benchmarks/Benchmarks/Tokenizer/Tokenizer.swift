import Benchmark
import Foundation
import Tokenization

// Tokenizer throughput, load cost and memory, release build: `swift package benchmark --target Tokenizer`
// from Benchmarks/. One iteration encodes the whole corpus (1 MiB of Node.js API markdown, ../../Corpus),
// so throughput in iterations/s is MiB/s; tokens/s = that times the token count printed in each name.
// scripts/tokenizer/compare-tiktoken.sh measures the same file against tiktoken in one run.

let corpusURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpus/nodejs-api-docs.md")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(5),
        maxIterations: 200
    )
    let corpus = String(decoding: try! Data(contentsOf: corpusURL), as: UTF8.self)
    let o200k = try! BytePairEncoding.o200kBase()
    let cl100k = try! BytePairEncoding.cl100kBase()
    let corpusMiB = String(format: "%.2f MiB", Double(corpus.utf8.count) / 1_048_576)

    Benchmark("o200k_base encode corpus (\(corpusMiB), \(o200k.count(corpus)) tokens)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(o200k.encode(corpus)) }
    }
    Benchmark("o200k_base count corpus (\(corpusMiB))") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(o200k.count(corpus)) }
    }
    Benchmark("cl100k_base encode corpus (\(corpusMiB), \(cl100k.count(corpus)) tokens)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cl100k.encode(corpus)) }
    }
    for family in [TokenizerKind.claude3, .claude47] {
        let bound = try! family.makeCounter()
        Benchmark("\(family.rawValue) bound count corpus (\(corpusMiB))") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(bound.count(corpus)) }
        }
    }
    Benchmark("heuristic count corpus (\(corpusMiB))") { benchmark in
        let heuristic = HeuristicTokenCounter()
        for _ in benchmark.scaledIterations { blackHole(heuristic.count(corpus)) }
    }
    Benchmark("o200k_base table load (uncached, with sha256)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try BytePairEncoding.loadUncached(.o200kBase)) }
    }
    Benchmark("cl100k_base table load (uncached, with sha256)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try BytePairEncoding.loadUncached(.cl100kBase)) }
    }
    let oneLetter = String(repeating: "a", count: 1 << 20)
    let oneEmoji = String(repeating: "😀", count: (1 << 20) / 4)
    Benchmark("o200k_base 1 MiB of one letter", configuration: .init(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(o200k.encode(oneLetter)) }
    }
    Benchmark("o200k_base 1 MiB of one emoji", configuration: .init(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(o200k.encode(oneEmoji)) }
    }
    Benchmark("cl100k_base 1 MiB of one letter", configuration: .init(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cl100k.encode(oneLetter)) }
    }
    Benchmark("cl100k_base 1 MiB of one emoji", configuration: .init(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cl100k.encode(oneEmoji)) }
    }
}
