import CompilerInputs
import Foundation
import PromptCompiler
import Tokenization

// Profiling aid: renders the Compiler benchmark's typical block in a loop, for `perf record`.
// Usage: swift build -c release --product CompilerProbe && perf record -g .build/release/CompilerProbe [iterations]

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let renderer = PromptRenderer(template: try PromptTemplate(contentsOfFile: workingMemoryTemplatePath), counter: try TokenizerKind.o200kBase.makeCounter())
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
