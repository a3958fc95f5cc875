/// Splits UTF-8 text into the pieces that byte-pair merging works on, exactly as an encoding's pattern does.
///
/// Implementations are hand-written scanners that follow the leftmost-first, backtracking semantics of the
/// regex engine tiktoken uses; see O200kSplitter and Cl100kSplitter for the patterns.
protocol PieceSplitter {
    /// The end of the piece that starts at `start` (`start < count`); always greater than `start`.
    static func pieceEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int
}

extension PieceSplitter {
    /// The classes and byte length of the scalar at `position`.
    @inline(__always)
    static func scalar(_ text: UnsafePointer<UInt8>, at position: Int) -> (ScalarClass, Int) {
        let byte = text[position]
        if byte < 0x80 { return (ScalarClass.ascii(UInt32(byte)), 1) }
        let (value, length) = UTF8Scalar.decode(text, at: position)
        return (ScalarClass.of(value), length)
    }

    /// The end of a run of scalars from `position` whose classes satisfy `include`.
    @inline(__always)
    static func run(
        _ text: UnsafePointer<UInt8>, count: Int, from position: Int, while include: (ScalarClass) -> Bool
    ) -> Int {
        var position = position
        while position < count {
            let (classes, length) = scalar(text, at: position)
            if !include(classes) { break }
            position += length
        }
        return position
    }

    /// The end of `'s|'t|'re|'ve|'m|'ll|'d` (any case, `ſ` folding to `s`) at `position`, or `position`.
    @inline(__always)
    static func contractionEnd(_ text: UnsafePointer<UInt8>, count: Int, at position: Int) -> Int {
        guard position + 1 < count, text[position] == UInt8(ascii: "'") else { return position }
        let first = text[position + 1]
        switch first | 0x20 {
        case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
            return position + 2
        case UInt8(ascii: "r"), UInt8(ascii: "v"):
            if position + 2 < count && text[position + 2] | 0x20 == UInt8(ascii: "e") { return position + 3 }
        case UInt8(ascii: "l"):
            if position + 2 < count && text[position + 2] | 0x20 == UInt8(ascii: "l") { return position + 3 }
        default:
            // U+017F LATIN SMALL LETTER LONG S case-folds to "s".
            if first == 0xC5 && position + 2 < count && text[position + 2] == 0xBF { return position + 3 }
        }
        return position
    }

    /// `\p{N}{1,3}` from `start`, whose first scalar (a number, `firstLength` bytes) is already read: its end.
    @inline(__always)
    static func numberRunEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int, firstLength: Int) -> Int {
        var end = start + firstLength
        for _ in 0..<2 where end < count {
            let (classes, length) = scalar(text, at: end)
            if !classes.isNumber { break }
            end += length
        }
        return end
    }

    /// Where ` ?[^\s\p{L}\p{N}]+` starts its punctuation run when it matches at `start`, else nil.
    @inline(__always)
    static func punctuationRunStart(_ text: UnsafePointer<UInt8>, count: Int, at start: Int, first: ScalarClass) -> Int? {
        if first.isPunctuation { return start }
        if text[start] == 0x20 && start + 1 < count && scalar(text, at: start + 1).0.isPunctuation { return start + 1 }
        return nil
    }

    /// The scan of a whitespace run from `start`: its end, the end of its last `\r`/`\n`, and its last scalar's start.
    @inline(__always)
    static func whitespaceRun(
        _ text: UnsafePointer<UInt8>, count: Int, from start: Int
    ) -> (end: Int, lastLineBreakEnd: Int?, lastScalarStart: Int) {
        var position = start
        var lastLineBreakEnd: Int?
        var lastScalarStart = start
        while position < count {
            let byte = text[position]
            if byte == 0x0A || byte == 0x0D {
                lastScalarStart = position
                position += 1
                lastLineBreakEnd = position
                continue
            }
            let (classes, length) = scalar(text, at: position)
            if !classes.isWhitespace { break }
            lastScalarStart = position
            position += length
        }
        return (position, lastLineBreakEnd, lastScalarStart)
    }
}
