import Foundation
import PromptCompiler
import Tokenization

// Profiling aid: renders the Compiler benchmark's typical block in a loop, for `perf record`.
// Usage: swift build -c release --product CompilerProbe && perf record -g .build/release/CompilerProbe [iterations]

private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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


let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let renderer = PromptRenderer(template: try PromptTemplate(contentsOfFile: templatePath), counter: try TokenizerKind.o200kBase.makeCounter())
let input = typicalInput()
var tokens = 0
/// CPU time of this thread in nanoseconds: less disturbed than wall time by other processes on the machine.
func threadCPUTime() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
}
let start = threadCPUTime()
for _ in 0..<iterations { tokens &+= try renderer.render(input).tokens }
let elapsed = threadCPUTime() - start
print("\(iterations) renders, \(Double(elapsed) / Double(iterations) / 1_000) µs CPU each (checksum \(tokens))")
