/// An estimate of a Claude model's token count: the exact o200k_base count times a safety factor, rounded up.
///
/// No offline tokenizer exists for Claude 3 and later, so this is always labelled an estimate
/// (`isEstimate`, and the name `claude-estimate`). The default factor is 1.6 (see `defaultFactor`).
public struct ClaudeEstimateCounter: TokenCounter {
    /// 1.6: measured against o200k on 461 markdown chunks, Claude 3 to 4.6 vocabularies average 1.19x
    /// (worst chunk 1.38x) and Opus 4.7+ average 1.56x (worst 1.95x). A budget must not be exceeded, so the
    /// factor covers the worst chunk of Claude 3-4.6 and the average of the newest vocabulary; 1.2 would
    /// under-count the newest models by about a quarter. Callers who know their model may pass their own.
    public static let defaultFactor = 1.6

    public let name = "claude-estimate"
    public let isEstimate = true
    /// The multiplier applied to the exact o200k_base count.
    public let factor: Double
    private let o200k: BytePairEncoding

    /// A counter over `o200k` with `factor` (at least 1).
    public init(o200k: BytePairEncoding, factor: Double = ClaudeEstimateCounter.defaultFactor) {
        precondition(factor >= 1, "a Claude estimate factor below 1 would under-count o200k_base itself")
        self.o200k = o200k
        self.factor = factor
    }

    public func count(_ text: String) -> Int {
        estimate(fromO200kCount: o200k.count(text))
    }

    /// `ceil(exact * factor)`, computed in integers for the default factor so that no rounding error creeps in.
    public func estimate(fromO200kCount exact: Int) -> Int {
        if factor == Self.defaultFactor { return (exact * 8 + 4) / 5 }
        return Int((Double(exact) * factor).rounded(.up))
    }
}
