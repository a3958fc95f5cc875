/// An upper bound of a Claude model's token count, per tokenizer family, from o200k and cl100k counts.
///
/// No offline tokenizer exists for Claude 3 and later, so this is labelled an estimate (`isEstimate`); its
/// name is the family's (`claude-3`, `claude-4.7`). It is built to never count less than Claude does:
/// - The text is split into o200k pieces. Each piece gets a class (`ClaudePieceClass`: whitespace,
///   digits, punctuation, ASCII words, letters by script) and six features: its o200k tokens, its bytes,
///   1, its upper-case letters, its cl100k tokens, and its o200k tokens ranked 100,000 or later.
/// - The bound is `ceil(Σ coefficient × feature)` over the pieces, with the class's coefficients for the
///   family (`ClaudeBoundCoefficients`, in 1/10,000 of a token, so the sum is exact in integers).
/// - The coefficients were fitted by `scripts/tokenizer/fit-claude-bounds.py` against Anthropic's recorded
///   counts (frame removed) of 2,514 texts, and a test checks every one of them: none is counted below its
///   recorded figure. docs/TOKENIZATION.md gives the construction and the measured tightness.
/// The count is of the text alone: a request's per-message frame (7 tokens for `claude-3`, 11 for Opus
/// 4.7, 6 for 4.8 and later) is not included.
public struct ClaudeBoundCounter: TokenCounter {
    public let family: ClaudeFamily
    public var name: String { family.rawValue }
    public let isEstimate = true
    private let o200k: BytePairEncoding
    private let cl100k: BytePairEncoding
    private let coefficients: [[Int]]

    /// The rank from which an o200k token counts as rare (the later half of the vocabulary).
    static let rareRank: UInt32 = 100_000
    static let scale = 10_000

    /// A counter for `family` over the two exact encodings.
    public init(family: ClaudeFamily, o200k: BytePairEncoding, cl100k: BytePairEncoding) {
        precondition(o200k.name == "o200k_base" && cl100k.name == "cl100k_base", "the bounds are fitted on o200k_base and cl100k_base")
        self.family = family
        self.o200k = o200k
        self.cl100k = cl100k
        coefficients = family.coefficients
    }

    public func count(_ text: String) -> Int {
        var text = text
        var total = 0
        text.withUTF8 { bytes in
            o200k.forEachPiece(of: bytes, rareFrom: Self.rareRank) { piece, tokens, rare in
                let (pieceClass, uppercase) = ClaudePieceClass.of(piece)
                let row = coefficients[pieceClass.rawValue]
                total += row[0] * tokens + row[1] * piece.count + row[2] + row[3] * uppercase + row[5] * rare
                if row[4] != 0 { total += row[4] * cl100k.count(utf8: piece) }
            }
        }
        return (total + Self.scale - 1) / Self.scale
    }
}
