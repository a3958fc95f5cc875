import Testing
@testable import Tokenization
import SeededRandom

@Suite struct LineSegmentsTests {
    private func segments(_ text: String) -> [Substring] {
        LineSegments.segments(of: text)
    }

    @Test func splitsOnlyAtLineStartsBeforePrintableASCIIOtherThanSlash() {
        #expect(segments("## A\n\n### B\n- x\n- y\n\n… z\n/w\n c") == ["## A\n\n", "### B\n", "- x\n", "- y\n\n… z\n/w\n c"])
        #expect(segments("") == [])
        #expect(segments("\n#") == ["\n", "#"])
        #expect(segments("one line") == ["one line"])
    }

    @Test func segmentsConcatenateToTheText() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let text = randomMarkdown(&generator)
            #expect(segments(text).joined() == text)
        }
    }

    /// Segments start exactly at the bytes after a line break that are printable ASCII other than `/`.
    @Test func segmentsStartExactlyAtLineStarts() {
        var generator = SeededGenerator(seed: 5)
        for round in 0..<2_000 {
            var text = randomMarkdown(&generator)
            if round % 3 == 0 { text = "\n" + text + "\n" }
            let bytes = Array(text.utf8)
            var expected: [Int] = bytes.isEmpty ? [] : [0]
            for index in bytes.indices.dropFirst() where bytes[index - 1] == 0x0A {
                if bytes[index] > 0x20, bytes[index] < 0x7F, bytes[index] != UInt8(ascii: "/") { expected.append(index) }
            }
            var starts: [Int] = []
            bytes.withUnsafeBufferPointer { buffer in LineSegments.forEach(in: buffer) { starts.append($0.lowerBound) } }
            #expect(starts == expected, "\(text.debugDescription)")
        }
    }

    /// The claim the prompt compiler relies on: under o200k_base a text's count is its segments' sum.
    @Test func o200kCountsAddUpOverSegments() throws {
        let encoding = try BytePairEncoding.o200kBase()
        #expect(LineSegments.areAdditive(under: encoding))
        var generator = SeededGenerator(seed: 3)
        var texts = (0..<2_000).map { _ in randomMarkdown(&generator) }
        texts += try TiktokenVectors.shared.get().cases.map(\.text)
        for text in texts {
            let sum = segments(text).reduce(0) { $0 + encoding.count(String($1)) }
            #expect(sum == encoding.count(text), "\(text.debugDescription)")
        }
    }

    @Test func otherEncodingsAreNotClaimedAdditive() throws {
        #expect(!LineSegments.areAdditive(under: try BytePairEncoding.cl100kBase()))
    }

    /// Lines of markdown-ish text with the characters that interact with the split pattern around line breaks.
    private func randomMarkdown(_ generator: inout SeededGenerator) -> String {
        let pieces = [
            "- ", "## ", "### ", "\n", "\n\n", "\r\n", " ", "  ", "\t", "/", "//", "'s", "'LL", "**", "…", "·", "→",
            "word", "Word", "WORD", "éte", "\u{301}", "123", "4567", "x", ".", ":", "(", ")", "\u{A0}", "\u{2028}",
            "日本", "😀", "a/b", "\\*", "_", "#", ">", "1.", "&amp;", "\u{85}", "\u{B}", "\u{C}",
        ]
        let length = Int(generator.next() % 60)
        return (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }
}
