import Foundation
import Tokenization

// Prints tokenizer figures for scripts/tokenizer/compare-tiktoken.sh, one `key value` per line:
// resident memory before/after loading o200k_base, first load times, best-of-N encode throughput on a file
// for both encodings, and the two 1 MiB pathological inputs. Usage: TokenizerProbe FILE [REPEATS]

func residentKiB(_ field: String) -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: TokenizerProbe FILE [REPEATS]\n".utf8))
    exit(64)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let text = String(decoding: data, as: UTF8.self)
let megabytes = Double(text.utf8.count) / 1e6

let rssBefore = residentKiB("VmRSS")
var o200k: BytePairEncoding!
let firstLoad = try seconds { o200k = try BytePairEncoding.o200kBase() }
print("o200k_base.first_load_ms \(String(format: "%.2f", firstLoad * 1000))")
print("o200k_base.rss_growth_mib \(String(format: "%.1f", Double(residentKiB("VmRSS") - rssBefore) / 1024))")
print("process.rss_after_o200k_load_mib \(String(format: "%.1f", Double(residentKiB("VmRSS")) / 1024))")
var cl100k: BytePairEncoding!
let clLoad = try seconds { cl100k = try BytePairEncoding.cl100kBase() }
print("cl100k_base.first_load_ms \(String(format: "%.2f", clLoad * 1000))")
var reloads: [Double] = []
for _ in 0..<5 { reloads.append(try seconds { _ = try BytePairEncoding.loadUncached(.o200kBase) }) }
print("o200k_base.reload_ms_min \(String(format: "%.2f", reloads.min()! * 1000))")

for (name, encoding) in [("o200k_base", o200k!), ("cl100k_base", cl100k!)] {
    var tokens = 0
    var best = Double.infinity
    for _ in 0..<repeats { best = min(best, seconds { tokens = encoding.encode(text).count }) }
    print("\(name).tokens \(tokens)")
    print("\(name).encode_mb_per_s \(String(format: "%.2f", megabytes / best))")
    print("\(name).encode_mtokens_per_s \(String(format: "%.3f", Double(tokens) / best / 1e6))")
    var countBest = Double.infinity
    for _ in 0..<repeats { countBest = min(countBest, seconds { tokens = encoding.count(text) }) }
    print("\(name).count_mb_per_s \(String(format: "%.2f", megabytes / countBest))")
}
let oneLetter = String(repeating: "a", count: 1 << 20)
let oneEmoji = String(repeating: "😀", count: (1 << 20) / 4)
for (name, encoding) in [("o200k_base", o200k!), ("cl100k_base", cl100k!)] {
    print("\(name).one_letter_1mib_s \(String(format: "%.3f", seconds { _ = encoding.encode(oneLetter) }))")
    print("\(name).one_emoji_1mib_s \(String(format: "%.3f", seconds { _ = encoding.encode(oneEmoji) }))")
}
print("process.peak_rss_mib \(String(format: "%.1f", Double(residentKiB("VmHWM")) / 1024))")
