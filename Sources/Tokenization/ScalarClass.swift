/// The character classes the two split patterns use, as bits of one byte per scalar.
///
/// Derived from `Unicode.Scalar.Properties` (general category and White_Space); `of` answers the common
/// scalars without the lookup (a test checks it against `computed` for every scalar).
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// `\p{L}`: Lu, Ll, Lt, Lm, Lo.
    static let letter = ScalarClass(rawValue: 1 << 0)
    /// `\p{N}`: Nd, Nl, No.
    static let number = ScalarClass(rawValue: 1 << 1)
    /// `\s`: the White_Space property.
    static let whitespace = ScalarClass(rawValue: 1 << 2)
    /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    static let upperish = ScalarClass(rawValue: 1 << 3)
    /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    static let lowerish = ScalarClass(rawValue: 1 << 4)
    /// `\r` or `\n`.
    static let lineBreak = ScalarClass(rawValue: 1 << 5)

    /// `[^\r\n\p{L}\p{N}]`: the optional prefix of a word.
    @inline(__always) var isWordPrefix: Bool { rawValue & 0b10_0011 == 0 }
    /// `[^\s\p{L}\p{N}]`: punctuation, symbols, marks and controls that are not whitespace.
    @inline(__always) var isPunctuation: Bool { rawValue & 0b0111 == 0 }
    @inline(__always) var isLetter: Bool { rawValue & 1 != 0 }
    @inline(__always) var isNumber: Bool { rawValue & 2 != 0 }
    @inline(__always) var isWhitespace: Bool { rawValue & 4 != 0 }
    @inline(__always) var isUpperish: Bool { rawValue & 8 != 0 }
    @inline(__always) var isLowerish: Bool { rawValue & 16 != 0 }

    /// The classes of scalar `value`: ASCII by comparisons, the rest of U+0000-U+2FFF from a table, others computed.
    @inline(__always)
    static func of(_ value: UInt32) -> ScalarClass {
        if value < 128 { return ascii(value) }
        if value < lowPlaneTableSize { return ScalarClass(rawValue: lowPlaneTable[Int(value)]) }
        return computed(value)
    }

    /// The classes of an ASCII scalar, without a table (a static table costs a lazy-initialisation check per call).
    @inline(__always)
    static func ascii(_ value: UInt32) -> ScalarClass {
        switch value {
        case 0x41...0x5A: return [.letter, .upperish]
        case 0x61...0x7A: return [.letter, .lowerish]
        case 0x30...0x39: return [.number]
        case 0x0A, 0x0D: return [.whitespace, .lineBreak]
        case 0x09, 0x0B, 0x0C, 0x20: return [.whitespace]
        default: return []
        }
    }

    /// The classes the general-category lookup gives, looked up for the scripts and punctuation prompts use most.
    static let lowPlaneTableSize: UInt32 = 0x3000
    private static let lowPlaneTable: [UInt8] = (0..<lowPlaneTableSize).map { computed($0).rawValue }

    static func computed(_ value: UInt32) -> ScalarClass {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        var classes: ScalarClass
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: classes = [.letter, .upperish]
        case .lowercaseLetter: classes = [.letter, .lowerish]
        case .modifierLetter, .otherLetter: classes = [.letter, .upperish, .lowerish]
        case .nonspacingMark, .spacingMark, .enclosingMark: classes = [.upperish, .lowerish]
        case .decimalNumber, .letterNumber, .otherNumber: classes = [.number]
        case .control, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            // Every White_Space scalar is in one of these categories (checked over all scalars in the tests),
            // so the property is looked up only here.
            classes = properties.isWhitespace ? [.whitespace] : []
        default: classes = []
        }
        if value == 0x0A || value == 0x0D { classes.insert(.lineBreak) }
        return classes
    }
}

/// Reads UTF-8 that is known to be valid (it comes from a Swift `String`).
enum UTF8Scalar {
    /// The scalar starting at `position` and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at position: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[position])
        if b0 < 0x80 { return (b0, 1) }
        let b1 = UInt32(bytes[position + 1]) & 0x3F
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | b1, 2) }
        let b2 = UInt32(bytes[position + 2]) & 0x3F
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | b1 << 6 | b2, 3) }
        let b3 = UInt32(bytes[position + 3]) & 0x3F
        return ((b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
    }
}
