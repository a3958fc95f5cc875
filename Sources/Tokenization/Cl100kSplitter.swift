/// The cl100k_base split pattern as a scanner.
///
/// ```
/// '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s
/// ```
/// Alternatives are tried in order; the possessive prefix never gives its scalar back.
enum Cl100kSplitter: PieceSplitter {
    static func pieceEnd(_ text: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        let contraction = contractionEnd(text, count: count, at: start)
        if contraction > start { return contraction }
        let (first, firstLength) = scalar(text, at: start)
        if first.isLetter {
            return run(text, count: count, from: start + firstLength) { $0.isLetter }
        }
        if first.isWordPrefix {
            let next = start + firstLength
            if next < count && scalar(text, at: next).0.isLetter {
                return run(text, count: count, from: next) { $0.isLetter }
            }
        }
        if first.isNumber {
            return numberRunEnd(text, count: count, from: start, firstLength: firstLength)
        }
        // ` ?[^\s\p{L}\p{N}]++[\r\n]*+`
        if let punctuationStart = punctuationRunStart(text, count: count, at: start, first: first) {
            var end = run(text, count: count, from: punctuationStart) { $0.isPunctuation }
            while end < count && (text[end] == 0x0A || text[end] == 0x0D) { end += 1 }
            return end
        }
        // Whitespace: `\s++$`, then `\s*[\r\n]`, then `\s+(?!\S)`, then `\s`.
        let whitespace = whitespaceRun(text, count: count, from: start)
        if whitespace.end == count { return count }
        if let lineBreakEnd = whitespace.lastLineBreakEnd { return lineBreakEnd }
        if whitespace.lastScalarStart > start { return whitespace.lastScalarStart }
        return whitespace.end
    }
}
