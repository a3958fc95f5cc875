import Testing
@testable import PromptCompiler
import SeededRandom

/// `String.remainder(after:)` compares bytes, not characters, and returns exactly the bytes after the prefix.
@Suite struct RemainderTests {
    @Test func returnsTheBytesAfterAPrefix() {
        #expect("## A\n\n### B\n".remainder(after: "## A\n") == "\n### B\n")
        #expect("## A".remainder(after: "") == "## A")
        #expect("## A".remainder(after: "## A") == "")
        #expect("日本🙂x".remainder(after: "日本") == "🙂x")
    }

    @Test func refusesWhatIsNoBytePrefix() {
        #expect("## A".remainder(after: "## A\n") == nil)
        #expect("## B\n".remainder(after: "## A") == nil)
        // "é" precomposed and decomposed are equal as characters but not as bytes.
        #expect("\u{E9}tude".remainder(after: "e\u{301}") == nil)
        #expect("e\u{301}tude".remainder(after: "\u{E9}") == nil)
    }

    @Test func agreesWithAByteSliceOnRandomTexts() {
        let alphabet = ["a", " ", "\n", "é", "e\u{301}", "日", "🙂", "#"]
        var random = SeededGenerator(seed: 0x5EED)
        for _ in 0..<2_000 {
            let text = (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            let scalars = Array(text.unicodeScalars)
            let cut = Int(random.next() % UInt64(scalars.count + 1))
            var prefix = String.UnicodeScalarView(scalars[..<cut])
            if random.next() % 4 == 0 { prefix.append("x") }
            let prefixText = String(prefix)
            let expected: String? = Array(text.utf8).starts(with: Array(prefixText.utf8))
                ? String(decoding: Array(text.utf8).dropFirst(prefixText.utf8.count), as: UTF8.self) : nil
            let actual = text.remainder(after: prefixText)
            #expect(actual.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(text.debugDescription) after \(prefixText.debugDescription)")
        }
    }
}
