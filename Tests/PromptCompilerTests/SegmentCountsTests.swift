@testable import PromptCompiler
import Testing
import Tokenization
import SeededRandom

/// Segment counts are looked up by exact bytes, and reusing them keeps every count exact.
@Suite struct SegmentCountsTests {
    private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    @Test func lookupsAreByExactBytes() {
        var counts = SegmentCounts()
        withBytes("### Caf\u{E9}\n") { counts.record(3, for: $0) }
        withBytes("### Cafe\n") { counts.record(4, for: $0) }
        #expect(withBytes("### Caf\u{E9}\n") { counts.count(of: $0) } == 3)
        #expect(withBytes("### Cafe\n") { counts.count(of: $0) } == 4)
        // Canonically equivalent to the first (Swift strings compare equal) but other bytes: not the same key.
        #expect("### Cafe\u{301}\n" == "### Caf\u{E9}\n")
        #expect(withBytes("### Cafe\u{301}\n") { counts.count(of: $0) } == nil)
        #expect(withBytes("### Caf") { counts.count(of: $0) } == nil)
        #expect(withBytes("") { counts.count(of: $0) } == nil)
    }

    @Test func recordsStopAtCapacity() {
        var counts = SegmentCounts()
        for index in 0..<(SegmentCounts.capacity + 10) { withBytes("line \(index)\n") { counts.record(index, for: $0) } }
        #expect(withBytes("line 0\n") { counts.count(of: $0) } == 0)
        #expect(withBytes("line \(SegmentCounts.capacity - 1)\n") { counts.count(of: $0) } == SegmentCounts.capacity - 1)
        #expect(withBytes("line \(SegmentCounts.capacity)\n") { counts.count(of: $0) } == nil)
    }

    @Test func aTallyThatReusesSegmentsCountsExactly() throws {
        let counter = try TokenizerKind.o200kBase.makeCounter()
        let known = TokenTally.segmentCounts(of: ["## Working Memory\n\n### About you\n"], counter: counter)
        #expect(withBytes("### About you\n") { known.count(of: $0) } == counter.count("### About you\n"))
        let tally = TokenTally(counter: counter, additive: TokenTally.isAdditive(counter), knownSegments: known)
        let texts = [
            "## Working Memory\n\n### About you\n- Alex\n\n… and 2 more not shown.\n",
            "## Working Memory\n\n### About you\n- Alex\n\n… and 2 more not shown.\n\n### Later\n- x\n",
            "## Working Memory\n\n### About you\n- Caf\u{E9}\n",
            "## Working Memory\n\n### About you\n- Cafe\u{301}\n",
        ]
        // Twice each: the second time every segment comes from the memo.
        for text in texts + texts {
            #expect(tally.count(text, lines: []) == counter.count(text), "\(text.debugDescription)")
        }
    }

    /// A text's count from its two parts' counts is exact wherever the cut falls: at a line start, inside a
    /// line, before a blank line, after one, with either part empty.
    @Test func aCountFromTwoPartsIsExactWhereverTheCutFalls() throws {
        let counter = try TokenizerKind.o200kBase.makeCounter()
        let tally = TokenTally(counter: counter, additive: TokenTally.isAdditive(counter))
        let pieces = ["\n", "\n\n", " ", "  ", "- ", "### ", "/", "word", "Word", "12", "2026", "…", "\u{E9}", "'s", "\t", ".", "\r\n", "x"]
        var random = SeededGenerator(seed: 0x5E6)
        var joinedInsideASegment = 0
        for _ in 0..<3_000 {
            let parts = (0..<Int.random(in: 0..<30, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            let cut = Int.random(in: 0...parts.count, using: &random)
            let head = parts[..<cut].joined()
            let tail = parts[cut...].joined()
            let text = head + tail
            if let first = tail.utf8.first, first <= 0x20 { joinedInsideASegment += 1 }
            let tokens = tally.count(text, head: head, headTokens: counter.count(head), tailTokens: counter.count(tail), lines: [])
            #expect(tokens == counter.count(text), "\(head.debugDescription) + \(tail.debugDescription)")
        }
        #expect(joinedInsideASegment > 500)
    }
}
