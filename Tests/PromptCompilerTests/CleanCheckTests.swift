import Testing
@testable import PromptCompiler
import SeededRandom

/// `Sanitizer.isClean`, the word-at-a-time fast check, says exactly whether cleaning changes a value.
@Suite struct CleanCheckTests {
    @Test func isCleanExactlyWhenCleaningChangesNothing() {
        let alphabet: [String] = [
            "a", "Z", "1", "-", "*", " ", "  ", "\t", "\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
            "\u{A0}", "é", "日本", "🙂", "\u{200B}", "\u{202E}", "\u{2028}", "\u{E0041}", "~", "abcdefgh", "word ",
        ]
        var random = SeededGenerator(seed: 0xC1EA)
        var clean = 0
        var dirty = 0
        for _ in 0..<20_000 {
            let length = Int(random.next() % 24)
            let value = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            let unchanged = Sanitizer.cleanScalars(value) == value
            #expect(Sanitizer.isClean(value) == unchanged, "\(value.debugDescription)")
            if unchanged { clean += 1 } else { dirty += 1 }
        }
        #expect(clean > 1_000)
        #expect(dirty > 1_000)
    }

    /// Doubled spaces and control bytes are found at every offset, across the eight-byte words.
    @Test func everyOffsetIsChecked() {
        for length in 2...40 {
            for offset in 0..<(length - 1) {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes[offset] = 0x20
                bytes[offset + 1] = 0x20
                #expect(!Sanitizer.isClean(String(decoding: bytes, as: UTF8.self)), "double space at \(offset) of \(length)")
                for control: UInt8 in [0x00, 0x0A, 0x1F, 0x7F] {
                    var controlled = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    controlled[offset] = control
                    #expect(!Sanitizer.isClean(String(decoding: controlled, as: UTF8.self)), "byte \(control) at \(offset)")
                }
                var single = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                if offset > 0 { single[offset] = 0x20 }
                #expect(Sanitizer.isClean(String(decoding: single, as: UTF8.self)))
            }
        }
    }

    /// `Sanitizer.needsNoEscaping`, the table-driven fast check, never lets through a value that escaping changes
    /// (every ASCII byte, and a few others, in front of, inside and after ordinary letters), and sends exactly
    /// the syntax bytes to the full pass.
    @Test func needsNoEscapingExactlyWhenEscapingChangesNothing() {
        var escaped = 0
        var values: [String] = (1..<128).flatMap { byte -> [String] in
            let character = String(UnicodeScalar(UInt8(byte)))
            return [character + "ab", "a" + character + "b", "ab" + character, "1" + character + " x"]
        }
        values += ["é_b", "a_é", "日本*", "🙂<", "&amp;", "& b", "12. x", "12) x", "1234567890. x", "12345678901. x"]
        for value in values {
            let unchanged = Sanitizer.escapeScalars(value) == value
            // The fast check may only be conservative: it never says "unchanged" for a value escaping changes.
            if Sanitizer.needsNoEscaping(value) { #expect(unchanged, "\(value.debugDescription)") }
            if !unchanged { escaped += 1 }
        }
        #expect(escaped > 40)
        // Exactly the syntax bytes make a value in the middle of letters take the full pass.
        for byte in UInt8(1)..<128 {
            let value = "a" + String(UnicodeScalar(byte)) + "b"
            #expect(Sanitizer.needsNoEscaping(value) == !"\\*`[]<|~_&".utf8.contains(byte), "byte \(byte)")
        }
    }
}
