import Foundation
import PromptCompiler
import Tokenization

extension WorkingMemoryRendering {
    /// The token cost of each line: the count of the segment that starts at it (the line, and any lines that
    /// cannot start a segment of their own, such as the blank line after it); nil for a line inside another's.
    ///
    /// Segments are `LineSegments`'; under o200k_base their counts add up to the whole block's exact count.
    /// Under another counter they are each counted alone and their sum can differ from the whole count.
    public func lineCosts() -> [Int?] {
        var costs: [Int?] = []
        for segment in LineSegments.segments(of: markdown) {
            let breaks = segment.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            costs.append(counter.count(String(segment)))
            // The segment's other lines (a final line without a break counts as one).
            let linesInSegment = max(1, breaks + (segment.hasSuffix("\n") ? 0 : 1))
            costs += Array(repeating: nil, count: linesInSegment - 1)
        }
        return costs
    }

    /// `wm render --explain`: each line of the block with its token cost and its source, as text.
    ///
    /// Deterministic: the same rendering gives the same text. Item lines name their section, key and source
    /// rows (table, id, the columns shown) and how the text was computed; notes name the items and rows they
    /// count.
    public var explanation: String {
        let lines = self.lines
        let costs = lineCosts()
        let sum = costs.reduce(0) { $0 + ($1 ?? 0) }
        let kind = result.report.estimate ? " (an upper bound)" : ""
        var out = "Working memory, line by line: template \(result.template), tokenizer \(result.tokenizer)\(kind), "
            + "\(result.tokens) of \(result.budget) tokens (stable \(report.stableTokens), volatile \(report.volatileTokens)).\n"
        out += sum == result.tokens
            ? "A line's tokens are those of the line and the lines under it that show no number; they add up to \(sum), the block's count.\n"
            : "A line's tokens are those of the line and the lines under it that show no number, counted alone; they add up to \(sum), "
                + "while the block counts \(result.tokens) whole.\n"
        if let cache = report.cache {
            out += "Cache (\(cache.model), counted with \(cache.tokenizer)): prefix \(cache.prefixTokens) tokens"
                + (cache.estimate ? " at most" : "") + " (static \(cache.staticPrefixTokens) + stable \(cache.stableTokens)), "
                + "minimum \(cache.minimumPrefixTokens): cacheable \(cache.cacheable.rawValue).\n"
            if let warning = cache.warning { out += "Warning: \(warning).\n" }
        }
        out += "Stable block sha256 \(stableSHA256)" + (cacheBreakpoint.map { ", up to the cache breakpoint after section \($0)" } ?? "") + ".\n"
        out += "\nline  tokens  block     text\n"
        for (line, cost) in zip(lines, costs + Array(repeating: nil, count: max(0, lines.count - costs.count))) {
            out += pad(String(line.number), 4) + "  " + pad(cost.map(String.init) ?? "", 6) + "  "
                + line.block.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + line.text + "\n"
            for source in Self.describe(line.origin) {
                out += String(repeating: " ", count: 24) + source + "\n"
            }
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// The lines under a block line that say where it came from (none for a blank template line).
    static func describe(_ origin: LineOrigin) -> [String] {
        switch origin {
        case .template:
            return []
        case .heading(let section):
            return ["← heading of section \(section)"]
        case .overflowMarker:
            return ["← overflow marker: required content did not fit its budget and was cut"]
        case .item(let section, let key, let truncated, _, let source):
            var lines = ["← \(section) item \(key)" + (truncated ? ", cut to fit with …" : "")]
            guard let source else { return lines + ["  (no source: the input named none)"] }
            lines += source.rows.map { "  from " + $0.description }
            if let computed = source.computed { lines.append("  computed: " + computed) }
            return lines
        case .note(let section, let summary):
            var lines = ["← omission note of section \(section), counting \(summary.omitted.count + summary.excludedByLimit) left out:"]
            for item in summary.omitted {
                lines.append("  \(item.key), left out by \(item.reason.rawValue)")
                lines += (item.source?.rows ?? []).map { "    from " + $0.description }
            }
            if summary.excludedByLimit > 0 {
                lines.append("  \(summary.excludedByLimit) left out by the builder's limits: " + (summary.limit ?? "rows beyond its limits"))
            }
            return lines
        }
    }
}
