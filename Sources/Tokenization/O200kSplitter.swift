/// The o200k_base split pattern as a scanner.
///
/// ```
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
/// ```
/// Alternatives are tried in order; within one, greedy quantifiers give back exactly as a backtracking
/// engine would (a mark is both a possible prefix and a word scalar, which the fallbacks below handle).
enum O200kSplitter: PieceSplitter {
    static func pieceEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        asciiPieceEnd(text, count: count, from: start) ?? fullPieceEnd(text, count: count, from: start)
    }

    /// The end of the piece at `start` when ASCII bytes alone decide it: a word (`asciiWordEnd`), a run
    /// of digits, a run of punctuation, or a space before a digit; nil otherwise, and `fullPieceEnd` decides.
    ///
    /// Prompt text is mostly such pieces: the punctuation and digits of list markers, dates, times and
    /// markup. Whitespace other than a space before a digit, and any piece a non-ASCII byte could extend,
    /// go to the full scan. A test compares this with `fullPieceEnd` on random text.
    @inline(__always)
    static func asciiPieceEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        if let end = asciiWordEnd(text, count: count, from: start) { return end }
        let first = text[start]
        if isASCIIDigit(first) {
            // `\p{N}{1,3}`; a non-ASCII byte before the third digit could be another number.
            var end = start + 1
            while end < count, end - start < 3, isASCIIDigit(text[end]) { end += 1 }
            return end - start < 3 && end < count && text[end] >= 0x80 ? nil : end
        }
        // A punctuation run (` ?[^\s\p{L}\p{N}]+[\r\n/]*`): word alternatives fail, as a letter does not follow
        // (`asciiWordEnd` returned nil) and the next byte is ASCII.
        var runStart = start
        if first == 0x20 {
            guard start + 1 < count else { return nil }
            let next = text[start + 1]
            // ` ` before a digit: no alternative before `\s+` matches more than the space.
            if isASCIIDigit(next) { return start + 1 }
            runStart = start + 1
        }
        guard isASCIIPunctuation(text[runStart]), runStart + 1 == count || text[runStart + 1] < 0x80 else { return nil }
        if runStart == start, runStart + 1 < count, isASCIILetter(text[runStart + 1]) { return nil }
        var end = runStart + 1
        while end < count, isASCIIPunctuation(text[end]) { end += 1 }
        if end < count, text[end] >= 0x80 { return nil }
        while end < count, text[end] == 0x0A || text[end] == 0x0D || text[end] == UInt8(ascii: "/") { end += 1 }
        return end
    }

    @inline(__always) private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) private static func isASCIILetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    /// `[^\s\p{L}\p{N}]` for an ASCII byte: punctuation, symbols and the controls that are not whitespace.
    @inline(__always) private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && ScalarClass.ascii(UInt32(byte)).isPunctuation
    }

    /// The end of the piece at `start` when it is an ASCII word (optionally after one ASCII prefix byte such
    /// as a space) that no non-ASCII scalar follows; nil otherwise, and `fullPieceEnd` decides.
    ///
    /// Most prompt text is such words. For ASCII letters the first two alternatives reduce to: the run of
    /// uppercase letters, then the run of lowercase ones (either may be empty, not both), then a contraction.
    /// A non-ASCII byte right after the letters could be a letter or a mark that continues the word, so the
    /// fast path gives up there. A test compares it with `fullPieceEnd` on random text.
    @inline(__always)
    static func asciiWordEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        @inline(__always) func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
        var position = start
        let first = text[start]
        if !isLetter(first) {
            // `[^\r\n\p{L}\p{N}]?`: one ASCII byte that is no letter, digit, CR or LF, and a letter after it.
            guard first < 0x80, first != 0x0A, first != 0x0D, first < 0x30 || first > 0x39 else { return nil }
            position += 1
            guard position < count, isLetter(text[position]) else { return nil }
        }
        while position < count, text[position] >= 0x41, text[position] <= 0x5A { position += 1 }
        while position < count, text[position] >= 0x61, text[position] <= 0x7A { position += 1 }
        if position < count, text[position] >= 0x80 { return nil }
        return contractionEnd(text, count: count, at: position)
    }

    /// The piece at `start` by the full scan of the pattern's alternatives.
    static func fullPieceEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        let (first, firstLength) = scalar(text, at: start)
        if first.isWordPrefix {
            let next = start + firstLength
            if next < count, let end = lowerWordEnd(text, count: count, from: next) {
                return contractionEnd(text, count: count, at: end)
            }
            if first.isLowerish, let end = lowerWordEnd(text, count: count, from: start) {
                return contractionEnd(text, count: count, at: end)
            }
            if next < count, let end = upperWordEnd(text, count: count, from: next) {
                return contractionEnd(text, count: count, at: end)
            }
            if first.isUpperish, let end = upperWordEnd(text, count: count, from: start) {
                return contractionEnd(text, count: count, at: end)
            }
        } else if first.isLetter {
            if let end = lowerWordEnd(text, count: count, from: start) ?? upperWordEnd(text, count: count, from: start) {
                return contractionEnd(text, count: count, at: end)
            }
        }
        if first.isNumber {
            return numberRunEnd(text, count: count, from: start, firstLength: firstLength)
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
        if let punctuationStart = punctuationRunStart(text, count: count, at: start, first: first) {
            var end = run(text, count: count, from: punctuationStart) { $0.isPunctuation }
            while end < count && (text[end] == 0x0A || text[end] == 0x0D || text[end] == UInt8(ascii: "/")) {
                end += 1
            }
            return end
        }
        // Whitespace: `\s*[\r\n]+`, then `\s+(?!\S)`, then `\s+`.
        let whitespace = whitespaceRun(text, count: count, from: start)
        if let lineBreakEnd = whitespace.lastLineBreakEnd { return lineBreakEnd }
        if whitespace.end == count { return count }
        if whitespace.lastScalarStart > start { return whitespace.lastScalarStart }
        return whitespace.end
    }

    /// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+` at `start`, as a backtracking engine matches it.
    @inline(__always)
    static func lowerWordEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        var position = start
        var lastLowerishEnd: Int?
        while position < count {
            let (classes, length) = scalar(text, at: position)
            if !classes.isUpperish {
                if classes.isLowerish {
                    return run(text, count: count, from: position + length) { $0.isLowerish }
                }
                break
            }
            position += length
            if classes.isLowerish { lastLowerishEnd = position }
        }
        // The upper run gives back scalars until its last lowerish one can be the lower run.
        return lastLowerishEnd
    }

    /// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*` at `start`.
    @inline(__always)
    static func upperWordEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        let upperEnd = run(text, count: count, from: start) { $0.isUpperish }
        if upperEnd == start { return nil }
        return run(text, count: count, from: upperEnd) { $0.isLowerish }
    }
}
