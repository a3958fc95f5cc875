import Tokenization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact token counts of rendered blocks that reuse the counts of the item lines they contain.
///
/// A render counts each item's line (`item + "\n"`), then the stable block, the volatile block and the
/// whole prompt, which consist mostly of those same lines. When the counter is an encoding whose counts
/// add up over line-start segments (see `LineSegments`), a block's count is the sum of its segments'
/// counts, and a segment that is byte for byte an item's line takes that item's known count; the others
/// (headings, notes, a section's last line with its blank line) are counted once per render, or taken
/// from the renderer's counts of its fixed texts (see `SegmentCounts`). Otherwise every text is
/// counted whole. Either way `count(text, lines:)` equals `counter.count(text)`.
struct TokenTally {
    let counter: any TokenCounter
    private let additive: Bool
    /// `counter` when it is a byte-pair encoding: it counts byte ranges without making strings.
    private let encoding: BytePairEncoding?
    /// Counts of the other segments: the renderer's (headings, frame) and those this render counted.
    private let segments: SegmentMemo

    /// `additive`: whether `counter`'s counts add up over line-start segments (`TokenTally.isAdditive`);
    /// `knownSegments`: segment counts the renderer measured once (`TokenTally.segmentCounts`).
    init(counter: any TokenCounter, additive: Bool, knownSegments: SegmentCounts = SegmentCounts()) {
        self.counter = counter
        self.additive = additive
        encoding = counter as? BytePairEncoding
        segments = SegmentMemo(known: knownSegments)
    }

    /// The exact counts of every segment of `texts` (for the renderer's fixed texts); empty unless additive.
    static func segmentCounts(of texts: [String], counter: any TokenCounter) -> SegmentCounts {
        var counts = SegmentCounts()
        guard isAdditive(counter) else { return counts }
        for var text in texts {
            text.withUTF8 { bytes in
                LineSegments.forEach(in: bytes) { range in
                    let segment = UnsafeBufferPointer(rebasing: bytes[range])
                    counts.record(counter.count(String(decoding: segment, as: UTF8.self)), for: segment)
                }
            }
        }
        return counts
    }

    /// True when `counter` is an encoding whose counts add up over line-start segments.
    static func isAdditive(_ counter: any TokenCounter) -> Bool {
        guard let encoding = counter as? BytePairEncoding else { return false }
        return LineSegments.areAdditive(under: encoding)
    }

    /// Exactly `counter.count(text)`.
    func count(_ text: String) -> Int {
        counter.count(text)
    }

    /// Exactly `counter.count(line)`: the cost of an item as one line of a block.
    func countLine(_ line: ItemLine) -> Int {
        line.withBytes { bytes in
            encoding?.count(utf8: bytes) ?? counter.count(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Exactly `counter.count(text)`, reusing the item counts of `sections` (in the order the text holds them).
    func count(_ text: String, lines sections: [RenderedSection]) -> Int {
        guard additive else { return counter.count(text) }
        // The next item line to look for, walked section by section (no array of them is built).
        var items = CountedLines(sections)
        let total = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            var total = 0
            LineSegments.forEach(in: bytes) { range in
                if let (line, tokens) = items.current {
                    switch Self.compare(base + range.lowerBound, count: range.count, toLine: line) {
                    case .same:
                        total += tokens
                        items.advance()
                        return
                    case .startsWith:
                        items.advance()
                    case .different:
                        break
                    }
                }
                let segment = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
                total += segments.count(segment) { segment in
                    encoding?.count(utf8: segment) ?? counter.count(String(decoding: segment, as: UTF8.self))
                }
            }
            return total
        }
        return total ?? counter.count(text)
    }

    /// Exactly `counter.count(text)` for `text == head + tail` (the caller checked it), given both parts' exact counts.
    ///
    /// When the counts add up over line-start segments, every segment of `head` and of `tail` is one of
    /// `text` too, except that `head`'s last and `tail`'s first join into one when `tail` does not begin a
    /// segment of `text` (after a blank line, say). So the count is the sum, corrected by counting that one
    /// joined segment and its two parts; nothing else is counted again. Otherwise `text` is counted whole.
    func count(_ text: String, head: String, headTokens: Int, tailTokens: Int, lines sections: [RenderedSection]) -> Int {
        let headLength = head.utf8.count
        guard additive, text.utf8.count > headLength else {
            return text.utf8.count == headLength ? headTokens : count(text, lines: sections)
        }
        if headLength == 0 { return tailTokens }
        let total = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            if LineSegments.startsSegment(bytes, at: headLength) { return headTokens + tailTokens }
            var lastStart = headLength - 1
            while lastStart > 0, !LineSegments.startsSegment(bytes, at: lastStart) { lastStart -= 1 }
            var firstEnd = headLength + 1
            while firstEnd < bytes.count, !LineSegments.startsSegment(bytes, at: firstEnd) { firstEnd += 1 }
            func tokens(_ range: Range<Int>) -> Int {
                segments.count(UnsafeBufferPointer(rebasing: bytes[range])) { segment in
                    encoding?.count(utf8: segment) ?? counter.count(String(decoding: segment, as: UTF8.self))
                }
            }
            return headTokens - tokens(lastStart..<headLength) + tailTokens - tokens(headLength..<firstEnd)
                + tokens(lastStart..<firstEnd)
        }
        return total ?? count(text, lines: sections)
    }

    private enum LineMatch { case same, startsWith, different }

    /// Whether the segment is exactly the item's line, starts with it (then more), or neither.
    private static func compare(_ segment: UnsafePointer<UInt8>, count: Int, toLine line: ItemLine) -> LineMatch {
        line.withBytes { lineBytes -> LineMatch in
            let length = lineBytes.count
            guard count >= length, memcmp(segment, lineBytes.baseAddress!, length) == 0 else { return .different }
            return count == length ? .same : .startsWith
        }
    }
}

/// The item lines of sections whose item counts are known, with those counts, in order.
private struct CountedLines {
    private let sections: [RenderedSection]
    private var section = 0
    private var line = 0

    init(_ sections: [RenderedSection]) {
        self.sections = sections
        skipToLine()
    }

    /// The line the walk is at and its tokens; nil past the last.
    var current: (ItemLine, Int)? {
        section < sections.count ? (sections[section].lines[line], sections[section].itemTokens[line]) : nil
    }

    mutating func advance() {
        line += 1
        skipToLine()
    }

    /// Moves past finished sections and those without item counts.
    private mutating func skipToLine() {
        while section < sections.count,
              line >= sections[section].lines.count || sections[section].itemTokens.count != sections[section].lines.count {
            section += 1
            line = 0
        }
    }
}
