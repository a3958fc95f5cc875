import Testing
@testable import Tokenization
import SeededRandom

/// The o200k splitter's ASCII fast path (words, digits, punctuation) ends every piece where the full scan of
/// the pattern does.
@Suite struct SplitterFastPathTests {
    @Test func asciiPiecesEndWhereTheFullScanEnds() {
        let alphabet: [String] = [
            "a", "z", "A", "Z", "hello", "World", "HTTPServer", "ABC", " ", "  ", "\t", "\n", "\r\n", "'", "'s", "'S",
            "'re", "'LL", "'d", "'m", "'ve", "'t", "'x", ".", ",", "-", "_", "/", "#", "(", "1", "42", "é", "\u{301}",
            "ſ", "'ſ", "İ", "ß", "日本", "ǅ", "\u{2019}", "\u{A0}", "🙂", "\u{0}", "\u{7F}", "@", "[", "`", "{",
            "123", "2024", "9", "**", ")", ":", " (", "·", "→", "…", "٣", "½", "\u{1C}", "\u{B}", "\r", "/\n",
        ]
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            // SeededGenerator: the same sequence every run.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var checked = 0
        for _ in 0..<20_000 {
            var text = (0..<(1 + next(10))).map { _ in alphabet[next(alphabet.count)] }.joined()
            let shown = text.debugDescription
            text.withUTF8 { bytes in
                let base = bytes.baseAddress!
                for start in 0..<bytes.count where bytes[start] & 0xC0 != 0x80 {
                    guard let fast = O200kSplitter.asciiPieceEnd(base, count: bytes.count, from: start) else { continue }
                    checked += 1
                    let full = O200kSplitter.fullPieceEnd(base, count: bytes.count, from: start)
                    #expect(fast == full, "\(shown) at byte \(start)")
                }
            }
        }
        #expect(checked > 40_000)
    }
}
