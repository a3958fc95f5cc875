/// The token counters the project can use, by the name used on the command line and in reports.
public enum TokenizerKind: String, CaseIterable, Sendable, Codable {
    /// Exact, OpenAI o200k_base (the default).
    case o200kBase = "o200k_base"
    /// Exact, OpenAI cl100k_base.
    case cl100kBase = "cl100k_base"
    /// Estimate for Claude models: `ceil(o200k_base × 1.6)` (see `ClaudeEstimateCounter`).
    case claude
    /// Estimate without any vocabulary (see `HeuristicTokenCounter`).
    case heuristic
}

extension TokenizerKind {
    /// The counter of this kind; vocabularies load on first use and are cached for the process.
    ///
    /// Throws `TokenizationError` when a rank file is missing or damaged.
    public func makeCounter() throws -> any TokenCounter {
        switch self {
        case .o200kBase: return try BytePairEncoding.o200kBase()
        case .cl100kBase: return try BytePairEncoding.cl100kBase()
        case .claude: return ClaudeEstimateCounter(o200k: try BytePairEncoding.o200kBase())
        case .heuristic: return HeuristicTokenCounter()
        }
    }

    /// True when counts of this kind are estimates and must be labelled so.
    public var isEstimate: Bool {
        switch self {
        case .o200kBase, .cl100kBase: return false
        case .claude, .heuristic: return true
        }
    }
}
