import PromptCompiler
import SourceData

extension WorkingMemoryRendering {
    /// Every line of the block, in order, with what put it there: template text, a heading, an item and its
    /// source rows, an omission note and what it summarises, or the overflow marker.
    ///
    /// Made on request from the report and the build's provenance: the render itself does no extra work.
    /// Items and notes are found in order: each section's heading, its shown items' lines, then its note.
    public var lines: [BlockLine] { traceLines(withText: true) }

    /// `lines`; without `withText` every line's `text` is empty (the JSON needs only line numbers and origins).
    func traceLines(withText: Bool) -> [BlockLine] {
        var expected: [(match: String, exact: Bool, origin: LineOrigin)] = []
        for section in report.sections where section.kept > 0 {
            expected.append((section.heading, false, .heading(section: section.id)))
            for item in section.shownItems {
                let source = provenance.source(section: section.id, index: item.index)
                expected.append((item.line, true, .item(section: section.id, key: item.key, truncated: item.truncated,
                                                        tokens: item.tokens, source: source)))
            }
            if let note = section.noteLine {
                let keys = section.allKeys
                let omitted = section.omittedItems.filter { $0.reason == .budget || $0.reason == .cap }.map { item in
                    OmittedSource(key: item.key, reason: item.reason,
                                  source: provenance.source(section: section.id, key: item.key, in: keys))
                }
                let excluded = section.omitted[.limit] ?? 0
                let summary = NoteSummary(omitted: omitted, excludedByLimit: excluded,
                                          limit: excluded > 0 ? provenance.limits[section.id] : nil)
                expected.append((note, true, .note(section: section.id, summary: summary)))
            }
        }
        let stableLength = result.blocks.first?.markdown.utf8.count ?? 0
        var lines: [BlockLine] = []
        var next = 0
        var offset = 0
        var texts = markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if markdown.hasSuffix("\n") || markdown.isEmpty { texts.removeLast() }
        let marker = Array(overflowMarker.utf8)
        for (index, bytes) in texts.enumerated() {
            let block = offset < stableLength ? "stable" : "volatile"
            offset += bytes.count + 1
            let origin: LineOrigin
            // An item or note is its rendered line (a template may add text around it); a heading ends its line.
            // Compared as UTF-8 bytes: the texts are the render's own, so no normalization is involved.
            if next < expected.count, Self.line(bytes, matches: expected[next].match, exact: expected[next].exact) {
                origin = expected[next].origin
                next += 1
            } else if bytes.elementsEqual(marker) {
                origin = .overflowMarker
            } else {
                origin = .template
            }
            lines.append(BlockLine(number: index + 1, text: withText ? String(decoding: bytes, as: UTF8.self) : "", block: block,
                                   origin: origin))
        }
        return lines
    }

    /// True when `line` is `match` (`exact`: or holds it), or ends with it (not `exact`).
    private static func line(_ line: Substring.UTF8View, matches match: String, exact: Bool) -> Bool {
        let pattern = match.utf8
        guard !pattern.isEmpty, line.count >= pattern.count else { return line.isEmpty && pattern.isEmpty }
        if !exact { return line.suffix(pattern.count).elementsEqual(pattern) }
        if line.count == pattern.count { return line.elementsEqual(pattern) }
        let first = pattern.first!
        var start = line.startIndex
        while let found = line[start...].firstIndex(of: first) {
            guard line.distance(from: found, to: line.endIndex) >= pattern.count else { return false }
            if line[found...].starts(with: pattern) { return true }
            start = line.index(after: found)
        }
        return false
    }
}
