import Foundation
import WireFormats

extension BudgetReport {
    /// The report as pretty-printed JSON with sorted keys: byte-stable, diffable, ends with a newline.
    ///
    /// The same bytes as `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` gives
    /// for the `Encodable` form (a test checks it), written by `JSONWriter` in its `encoderPretty` style.
    public func json() -> String {
        var writer = JSONWriter(style: .encoderPretty, reservingCapacity: 4096)
        writeJSON(to: &writer)
        return writer.text + "\n"
    }

    /// The report as a fixed-width text table, one row per section, then the totals.
    public func table() -> String {
        let header = ["section", "block", "prio", "floor", "cap", "avail", "kept", "trunc",
                      "budget", "cap", "limit", "empty", "tokens"]
        var rows = [header]
        for s in sections {
            rows.append([
                s.id, s.block, "\(s.priority)", "\(s.floor)", s.cap.map(String.init) ?? "-", "\(s.available)",
                "\(s.kept)", "\(s.truncated.count)",
                "\(s.omitted[.budget] ?? 0)", "\(s.omitted[.cap] ?? 0)", "\(s.omitted[.limit] ?? 0)",
                "\(s.omitted[.empty] ?? 0)", "\(s.tokens)",
            ])
        }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var lines = rows.map { row in
            row.enumerated().map { i, cell in
                i < 2 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                      : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        lines.insert("omitted columns: budget, cap, limit (the caller's), empty", at: 0)
        let kind = estimate ? "estimated " : ""
        lines.append("template \(template), tokenizer \(tokenizer): \(tokens) \(kind)tokens of \(budget) "
            + "(stable \(stableTokens), volatile \(volatileTokens)), headroom \(headroom)"
            + (overflowCut ? ", CUT: required content did not fit" : ""))
        if let cache {
            let bound = cache.estimate ? " at most" : ""
            lines.append("cache (\(cache.model), \(cache.tokenizer)): prefix \(cache.prefixTokens) tokens\(bound) "
                + "(static \(cache.staticPrefixTokens) + stable \(cache.stableTokens)), minimum \(cache.minimumPrefixTokens): "
                + "cacheable \(cache.cacheable.rawValue)")
            if let warning = cache.warning { lines.append("warning: " + warning) }
        }
        lines += (notes ?? []).map { "note: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
