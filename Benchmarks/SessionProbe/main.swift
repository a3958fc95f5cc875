import Foundation
import PostgresStore
import PromptCompiler
import Tokenization
import WorkingMemory

// Profiling aid: session start (gather + render) in a loop against the database named by
// WM_BENCH_DATABASE_URL (see scripts/bench-db.sh), printing wall and CPU time per phase (gather, render, and the
// result's JSON as `wm serve` answers it), for `perf record`.
// Usage: swift build -c release --product SessionProbe && .build/release/SessionProbe [iterations]

/// CPU time of this thread in nanoseconds.
func threadCPUTime() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

guard let url = ProcessInfo.processInfo.environment["WM_BENCH_DATABASE_URL"] else {
    fatalError("WM_BENCH_DATABASE_URL is not set: run scripts/bench-db.sh")
}
let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5_000
let connection = try PostgresConnection(configuration: PostgresConfiguration(connectionString: url))
let users = try connection.query("SELECT id FROM auth.users ORDER BY id").rows.map { try $0.decode(UUID.self, "id") }
let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("templates")
let template = try PromptTemplate(contentsOfFile: templates.appendingPathComponent("working-memory.md").path)
let renderer = WorkingMemoryRenderer(template: template, counter: try TokenizerKind.o200kBase.makeCounter())
let source = PostgresWorkingMemorySource(connection: connection)
let now = Date()

var gatherWall = Duration.zero, renderWall = Duration.zero
var gatherCPU = 0, renderCPU = 0, jsonCPU = 0, bytes = 0
let clock = ContinuousClock()
for iteration in 0..<iterations {
    let user = users[(iteration &* 7919) % users.count]
    let cpu0 = threadCPUTime(), t0 = clock.now
    let fetched = try source.fetchBlocking(user: user, now: now)
    let cpu1 = threadCPUTime(), t1 = clock.now
    let rendering = try renderer.render(fetched, now: now)
    let cpu2 = threadCPUTime(), t2 = clock.now
    bytes &+= rendering.jsonUTF8.count  // the bytes `wm serve` sends
    jsonCPU += threadCPUTime() - cpu2
    gatherWall += t1 - t0; renderWall += t2 - t1
    gatherCPU += cpu1 - cpu0; renderCPU += cpu2 - cpu1
}
func µs(_ d: Duration) -> String { String(format: "%.0f", Double(d.components.attoseconds / 1_000_000_000_000 + d.components.seconds * 1_000_000) / Double(iterations)) }
func µs(_ ns: Int) -> String { String(format: "%.0f", Double(ns) / 1_000 / Double(iterations)) }
print("per session start (mean of \(iterations)): gather \(µs(gatherWall)) µs wall / \(µs(gatherCPU)) µs CPU;",
      "render \(µs(renderWall)) µs wall / \(µs(renderCPU)) µs CPU; JSON \(µs(jsonCPU)) µs CPU for",
      "\(bytes / iterations) bytes")
