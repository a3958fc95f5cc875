import Benchmark
import Foundation
import PromptCompiler
import Tokenization

// Prompt compiler: render (allocation, exact o200k counts, cmark structure check) and template compilation.
// Run from Benchmarks/: swift package benchmark --target Compiler

private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let templatePath = repository.appendingPathComponent("templates/working-memory.md").path

private func item(_ key: String, _ fields: [String: String]) -> PromptItem { PromptItem(key: key, fields: fields) }

/// About 40 items and 600 o200k tokens: a typical block.
private func typicalInput() -> PromptInput {
    PromptInput(sections: [
        "profile": PromptSection(items: [
            item("profile:name", ["kind": "name", "name": "Alice Martin", "role": "Product manager", "company": "Acme"]),
            item("context:timezone", ["kind": "timezone", "timezone": "Europe/Berlin"]),
            item("context:summary", ["kind": "summary", "summary": "Leads the platform team; prefers concise answers."]),
        ]),
        "preferences": PromptSection(items: [
            item("platform:slack", ["kind": "platform", "platform": "slack", "tone": "casual", "verbosity": "brief"]),
            item("platform:gmail", ["kind": "platform", "platform": "gmail", "tone": "formal"]),
            item("context:preference:format", ["kind": "preference", "value": "bullet points over prose"]),
        ]),
        "told": PromptSection(items: (0..<10).map {
            item("context:fact:\($0)", ["kind": $0 % 3 == 0 ? "instruction" : "fact", "value": "Fact number \($0) about the team and its quarterly goals"])
        }),
        "deliverables": PromptSection(items: (0..<5).map {
            item("deliverable:\($0)", ["title": "Report \($0)", "frequency": "weekly", "recipient": "Bob"])
        }, excludedByLimit: 2),
        "platforms": PromptSection(items: ["gmail", "notion", "slack"].map {
            item("platform:\($0)", ["platform": $0, "state": "3 hours ago"])
        }),
        "conversations": PromptSection(items: (0..<3).map {
            item("session:\($0)", ["date": "2024-05-0\($0 + 1)", "summary": "Planned the roadmap and agreed to cut scope \($0)"])
        }),
        "activity": PromptSection(items: (0..<10).map {
            item("activity:\($0)", ["time": "2024-05-02 09:\($0 + 10)", "summary": "Weekly report v\($0) generated (delivered)"])
        }),
    ])
}

private func manyActivities(_ count: Int) -> PromptInput {
    var input = typicalInput()
    input.sections["activity"] = PromptSection(items: (0..<count).map {
        item("activity:\($0)", ["time": "2024-05-02 09:15", "summary": "Synced slack/general: \($0) items"])
    })
    input.sections["told"] = PromptSection(items: (0..<count / 10).map {
        item("context:fact:\($0)", ["kind": "fact", "value": "Fact number \($0) about the team"])
    })
    return input
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )
    let counter = try! TokenizerKind.o200kBase.makeCounter()
    let template = try! PromptTemplate(contentsOfFile: templatePath)
    let renderer = PromptRenderer(template: template, counter: counter)
    let typical = typicalInput()
    let typicalResult = try! renderer.render(typical)
    precondition((500...700).contains(typicalResult.tokens), "typical block is \(typicalResult.tokens) tokens")

    Benchmark("render typical block (40 items, \(typicalResult.tokens) tokens)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(typical))
        }
    }

    // For scale: one exact count of the rendered typical block (a render counts about three times this text).
    let markdown = typicalResult.markdown
    Benchmark("count typical block once (o200k, \(markdown.utf8.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(counter.count(markdown))
        }
    }

    let tenThousand = manyActivities(10_000)
    Benchmark("render 10,000 items into 2,000 tokens", configuration: .init(timeUnits: .milliseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(tenThousand, budget: 2_000))
        }
    }

    let hundredThousand = manyActivities(100_000)
    Benchmark("render 100,000 items into 2,000 tokens", configuration: .init(timeUnits: .milliseconds)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(hundredThousand, budget: 2_000))
        }
    }

    let source = try! String(contentsOfFile: templatePath, encoding: .utf8)
    Benchmark("compile template working-memory.md") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PromptTemplate(source: source, file: templatePath))
        }
    }
}
