import PromptCompiler
import SourceData

extension WorkingMemoryRendering {
    /// Every line of the block, in order, with what put it there: template text, a heading, an item and its
    /// source rows, an omission note and what it summarises, or the overflow marker.
    ///
    /// Made on request from the report and the build's provenance: the render itself does no extra work.
    /// Items and notes are found in order: each section's heading, its shown items' lines, then its note.
    public var lines: [BlockLine] {
        var expected: [(match: String, exact: Bool, origin: LineOrigin)] = []
        for section in report.sections where section.kept > 0 {
            expected.append((section.heading, false, .heading(section: section.id)))
            let keys = section.allKeys
            for item in section.shownItems {
                let source = provenance.source(section: section.id, key: item.key, in: keys)
                expected.append((item.line, true, .item(section: section.id, key: item.key, truncated: item.truncated,
                                                        tokens: item.tokens, source: source)))
            }
            if let note = section.noteLine {
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
        var texts = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        if markdown.hasSuffix("\n") || markdown.isEmpty { texts.removeLast() }
        for (index, text) in texts.enumerated() {
            let block = offset < stableLength ? "stable" : "volatile"
            offset += text.utf8.count + 1
            let origin: LineOrigin
            // An item or note is its rendered line (a template may add text around it); a heading ends its line.
            if next < expected.count,
               expected[next].exact ? (text == expected[next].match || (!expected[next].match.isEmpty && text.contains(expected[next].match)))
                                    : text.hasSuffix(expected[next].match) {
                origin = expected[next].origin
                next += 1
            } else if text == overflowMarker {
                origin = .overflowMarker
            } else {
                origin = .template
            }
            lines.append(BlockLine(number: index + 1, text: String(text), block: block, origin: origin))
        }
        return lines
    }
}
