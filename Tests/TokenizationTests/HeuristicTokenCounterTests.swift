import Testing
@testable import Tokenization

@Suite struct HeuristicTokenCounterTests {
    @Test func boundsEachPieceAsDocumented() {
        let counter = HeuristicTokenCounter()
        #expect(counter.count("") == 0)
        #expect(counter.count("a") == 1)
        #expect(counter.count("ab") == 2)                      // one 2-byte piece
        #expect(counter.count("hello world") == 4)             // "hello" + " world": 2 + 2
        #expect(counter.count("abcdefghijkl") == 5)           // 2 + 0.7 * 4 = 4.8
        #expect(counter.count("é") == 2)                       // non-ASCII: its UTF-8 bytes
        #expect(counter.count("a\u{0B}\u{0C}") == 3)           // control characters: bytes
        #expect(counter.isEstimate)
        #expect(counter.name == "heuristic")
    }
}
