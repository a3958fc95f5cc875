/// What kind of text an o200k piece is, for the Claude bounds: each class has its own coefficients.
///
/// The order of the cases is the order of the rows in `ClaudeBoundCoefficients`, and the rules are those
/// of `scripts/tokenizer/fit-claude-bounds.py` (`piece_class`), which fitted them; change both or neither.
enum ClaudePieceClass: Int, CaseIterable, Sendable {
    /// Spaces only (and other horizontal whitespace but tabs).
    case space
    /// Line breaks only.
    case newline
    /// Line breaks with other whitespace (indentation).
    case indent
    /// Whitespace with a tab and no line break.
    case tab
    /// Digits, with any punctuation before them.
    case digit
    /// One ASCII punctuation character, with spaces around it.
    case mark
    /// Other ASCII punctuation.
    case punct
    /// Punctuation or symbols outside ASCII.
    case symbol
    /// An ASCII word in lower case or capitalised, after at most one space (` the`, `Hello`).
    case word
    /// Other ASCII letters (capitals, mixed case, with punctuation).
    case ascii
    /// Letters beyond ASCII, by the script most of them are in.
    case latin, cyrillic, arabic, devanagari, cjk
    /// Letters of every other script (too few recorded texts to fit them alone: a floor of 0.8 per byte).
    case other

    /// The class of `piece` (one o200k piece, valid UTF-8) and how many of its scalars are upper case.
    static func of(_ piece: UnsafeBufferPointer<UInt8>) -> (ClaudePieceClass, uppercase: Int) {
        let bytes = piece.baseAddress!
        var uppercase = 0
        var letters = 0
        var wide: InlineArray<6, Int> = .init(repeating: 0)
        var allWhitespace = true, lineBreak = false, tab = false, number = false, allASCII = true
        var position = 0
        while position < piece.count {
            let (value, length) = UTF8Scalar.decode(bytes, at: position)
            position += length
            let classes = ScalarClass.of(value)
            if value < 0x80 {
                let byte = UInt8(value)
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { uppercase += 1 }
                // Python's str.isspace also counts the separators U+001C to U+001F.
                if !(classes.isWhitespace || (0x1C...0x1F).contains(byte)) { allWhitespace = false }
                if byte == 0x0A || byte == 0x0D { lineBreak = true }
                if byte == 0x09 { tab = true }
            } else {
                allASCII = false
                if !classes.isWhitespace { allWhitespace = false }
                if let scalar = Unicode.Scalar(value), scalar.properties.isUppercase { uppercase += 1 }
            }
            if classes.isNumber { number = true }
            if classes.isLetter || classes.isUpperish {  // \p{L} or \p{M}
                letters += 1
                if value >= 0x80 { wide[letterClass(value).rawValue - ClaudePieceClass.latin.rawValue] += 1 }
            }
        }
        if letters > 0 {
            var best = -1
            for index in wide.indices where wide[index] > 0 && (best < 0 || wide[index] > wide[best]) { best = index }
            if best >= 0 { return (ClaudePieceClass(rawValue: ClaudePieceClass.latin.rawValue + best)!, uppercase) }
            return (isWord(piece) ? .word : .ascii, uppercase)
        }
        if allWhitespace {
            if lineBreak {
                let onlyBreaks = piece.allSatisfy { $0 == 0x0A || $0 == 0x0D }
                return (onlyBreaks ? .newline : .indent, uppercase)
            }
            return (tab ? .tab : .space, uppercase)
        }
        if number { return (.digit, uppercase) }
        if allASCII {
            var first = 0, last = piece.count
            while first < last && piece[first] == 0x20 { first += 1 }
            while last > first && piece[last - 1] == 0x20 { last -= 1 }
            return (last - first == 1 ? .mark : .punct, uppercase)
        }
        return (.symbol, uppercase)
    }

    /// `^ ?[A-Za-z]?[a-z]+$`.
    private static func isWord(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < piece.count && piece[index] == 0x20 { index += 1 }
        let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isUpper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        if index < piece.count && isUpper(piece[index]) { index += 1 }
        let lowerStart = index
        while index < piece.count && isLower(piece[index]) { index += 1 }
        // A leading lower-case letter taken by `[A-Za-z]?` still leaves `[a-z]+` the rest: one is enough.
        return index == piece.count && index > lowerStart
    }

    /// The letter class of a scalar beyond ASCII, by code point block (Swift has no Script property).
    private static func letterClass(_ value: UInt32) -> ClaudePieceClass {
        switch value {
        case 0x80..<0x250, 0x1E00..<0x1F00, 0x2C60..<0x2C80, 0xA720..<0xA800: .latin
        case 0x400..<0x530, 0x1C80..<0x1C90, 0x2DE0..<0x2E00, 0xA640..<0xA6A0: .cyrillic
        case 0x600..<0x700, 0x750..<0x780, 0x8A0..<0x900, 0xFB50..<0xFE00, 0xFE70..<0xFF00: .arabic
        case 0x900..<0x980, 0xA8E0..<0xA900: .devanagari
        case 0x1100..<0x1200, 0x2E80..<0x2FE0, 0x3000..<0xA000, 0xAC00..<0xD7B0, 0xF900..<0xFB00, 0x20000..<0x32000: .cjk
        default: .other
        }
    }
}
