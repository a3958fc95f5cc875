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
