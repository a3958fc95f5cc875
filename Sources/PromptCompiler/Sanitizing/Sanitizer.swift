/// Makes an untrusted value safe to interpolate into markdown: it can never change the prompt's structure.
///
/// Two steps, both total and deterministic:
/// 1. `clean`: removes NUL and other control characters, bidirectional controls, zero-width and tag
///    characters; folds newlines, tabs and other line or paragraph separators into single spaces; trims.
///    Cleaning is idempotent, so the allocator may clean a value before truncating it.
/// 2. `escape`: backslash-escapes markdown syntax so that the value cannot open a heading, list, block
///    quote, code block or fence, HTML block, table, link reference definition or thematic break, nor an
///    emphasis, code span or link that reaches past the value. Benign text stays as written:
///    "Q3 (draft) – v2.1, 50% done" is unchanged.
public enum Sanitizer {
    /// Cleans and escapes `value`: the text every `{{value}}` of a template renders.
    public static func sanitize(_ value: String) -> String {
        escape(clean(value))
    }

    /// Removes invisible and control characters and folds whitespace runs into single spaces.
    public static func clean(_ value: String) -> String {
        isClean(value) ? value : cleanScalars(value)
    }

    /// The full cleaning pass (the fast path above skips it for text that is already clean).
    static func cleanScalars(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            switch classify(scalar) {
            case .drop:
                continue
            case .space:
                pendingSpace = true
            case .keep:
                if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Escapes the markdown syntax of an already cleaned value (see `clean`).
    public static func escape(_ cleaned: String) -> String {
        needsNoEscaping(cleaned) ? cleaned : escapeScalars(cleaned)
    }

    /// The full escaping pass (the fast path above skips it for text without syntax characters).
    static func escapeScalars(_ cleaned: String) -> String {
        let scalars = Array(cleaned.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count + 8)
        let blockStartEnd = blockMarkerEnd(scalars)
        for (index, scalar) in scalars.enumerated() {
            if index < blockStartEnd || needsEscapeAnywhere(scalars, at: index) {
                if isASCIIPunctuation(scalar) { out.append("\\") }
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// True when `clean` would return `value` unchanged (checked without allocating).
    static func isClean(_ value: String) -> Bool {
        let scan = value.utf8.withContiguousStorageIfAvailable(scanBytes)
            ?? Array(value.utf8).withUnsafeBufferPointer(scanBytes)
        return scan.asciiIsClean && (!scan.hasNonASCII || nonASCIIScalarsAreKept(value))
    }

    /// The ASCII part of `isClean` (no control byte, no leading, trailing or doubled space), and whether
    /// any byte is not ASCII (those scalars are checked one by one).
    ///
    /// Reads eight bytes at a time: prompt values are mostly plain ASCII text.
    private static func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (asciiIsClean: Bool, hasNonASCII: Bool) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return (true, false) }
        let count = bytes.count
        if base[0] == 0x20 || base[count - 1] == 0x20 { return (false, false) }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var nonASCII: UInt64 = 0
        var previousSpace = false
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            nonASCII |= word & highs
            // Some byte below 0x20 (bytes of 0x80 and above never match: their high bit is set in `word`).
            let control = (word &- 0x20 &* ones) & ~word & highs
            // Some byte equal to 0x7F.
            let delete = word ^ (0x7F &* ones)
            let hasDelete = (delete &- ones) & ~delete & highs
            // Exactly the space bytes (no carry crosses a byte here), then two in a row.
            let spaceBits = word ^ (0x20 &* ones)
            let spaces = ~(((spaceBits & lows) &+ lows) | spaceBits | lows)
            let doubled = spaces & (spaces >> 8)
            if control | hasDelete | doubled != 0 || (previousSpace && spaces & 0x80 != 0) { return (false, false) }
            previousSpace = spaces >> 63 != 0
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte == 0x20 {
                if previousSpace { return (false, false) }
                previousSpace = true
            } else {
                if byte < 0x20 || byte == 0x7F { return (false, false) }
                if byte >= 0x80 { nonASCII = 1 }
                previousSpace = false
            }
            index += 1
        }
        return (true, nonASCII != 0)
    }

    private static func nonASCIIScalarsAreKept(_ value: String) -> Bool {
        for scalar in value.unicodeScalars where !scalar.isASCII {
            if classify(scalar) != .keep { return false }
        }
        return true
    }

    /// True when `escape` would return `cleaned` unchanged: no syntax character and no block marker first.
    static func needsNoEscaping(_ cleaned: String) -> Bool {
        cleaned.utf8.withContiguousStorageIfAvailable(needsNoEscaping) 
            ?? Array(cleaned.utf8).withUnsafeBufferPointer(needsNoEscaping)
    }

    private static func needsNoEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = utf8.first {
            switch first {
            case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                return false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // Mirrors `blockMarkerEnd`: up to 10 leading digits, then `.` or `)` would open an ordered list.
                var digits = 0
                var after: UInt8?
                for byte in utf8 {
                    if digits < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                        digits += 1
                        continue
                    }
                    after = byte
                    break
                }
                if after == UInt8(ascii: ".") || after == UInt8(ascii: ")") { return false }
            default:
                break
            }
        }
        // One table lookup per byte instead of ten comparisons, without a branch per byte.
        guard let base = utf8.baseAddress else { return true }
        return syntaxByteTable.withUnsafeBufferPointer { table in
            var found: UInt8 = 0
            for index in 0..<utf8.count { found |= table[Int(base[index])] }
            return found == 0
        }
    }

    /// 1 for the bytes `needsEscapeAnywhere` may escape (backslash, backtick, `* [ ] < | ~ _ &`), 0 for the rest.
    private static let syntaxByteTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in "\\*`[]<|~_&".utf8 { table[Int(byte)] = 1 }
        return table
    }()

    enum Class { case keep, drop, space }

    static func classify(_ scalar: Unicode.Scalar) -> Class {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0x2028, 0x2029:
            return .space
        case 0x00...0x1F, 0x7F, 0x80...0x9F:
            return .drop
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return .drop  // bidirectional controls
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E, 0x00AD:
            return .drop  // zero-width characters and the soft hyphen
        case 0xE0000...0xE007F:
            return .drop  // tag characters: invisible text smuggled into prompts
        case 0xFFF9...0xFFFB:
            return .drop  // interlinear annotation controls
        default:
            return .keep
        }
    }

    /// Characters escaped wherever they occur: they open inline syntax or tables, or escape what follows.
    static func needsEscapeAnywhere(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        switch s[i] {
        case "\\", "*", "`", "[", "]", "<", "|", "~":
            return true
        case "_":
            // An underscore between two letters or digits of the value can neither open nor close emphasis.
            let before = i > 0 && isAlphanumeric(s[i - 1])
            let after = i + 1 < s.count && isAlphanumeric(s[i + 1])
            return !(before && after)
        case "&":
            // Only an entity or numeric reference could change the text: `&amp;`, `&#42;`.
            return startsEntity(s, at: i)
        default:
            return false
        }
    }

    /// How many leading scalars must be escaped because the value may start a line.
    ///
    /// A value can land at the start of a line or of a list item's content, where `#`, `>`, `-`, `+`, `=`,
    /// or `1.` / `1)` would open a block; escaping their punctuation keeps the value a paragraph's text.
    static func blockMarkerEnd(_ s: [Unicode.Scalar]) -> Int {
        guard let first = s.first else { return 0 }
        switch first {
        case "#", ">", "-", "+", "=":
            return 1
        case "0"..."9":
            var i = 0
            while i < s.count, i < 10, ("0"..."9").contains(s[i]) { i += 1 }
            if i < s.count, s[i] == "." || s[i] == ")" {
                // Escape only the delimiter: "2024\. A year".
                return i + 1
            }
            return 0
        default:
            return 0
        }
    }

    /// True when `&` at `i` begins `&name;`, `&#digits;` or `&#xhex;` (at most 32 characters).
    static func startsEntity(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        if j < s.count, s[j] == "#" { j += 1 }
        if j < s.count, s[j] == "x" || s[j] == "X" { j += 1 }
        let start = j
        while j < s.count, j - start < 32, s[j].isASCII, isAlphanumeric(s[j]) { j += 1 }
        return j > start && j < s.count && s[j] == ";"
    }

    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
