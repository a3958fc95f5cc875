/// The token counters the project can use, by the name used on the command line and in reports.
public enum TokenizerKind: String, CaseIterable, Sendable, Codable {
    /// Exact, OpenAI o200k_base (the default).
    case o200kBase = "o200k_base"
    /// Exact, OpenAI cl100k_base.
    case cl100kBase = "cl100k_base"
    /// Upper bound for Claude 3 to Opus 4.6 (see `ClaudeBoundCounter`, `ClaudeFamily`).
    case claude3 = "claude-3"
    /// Upper bound for Opus 4.7 and later.
    case claude47 = "claude-4.7"
    /// The newest family's bound: an alias of `claude-4.7` (its counter is named `claude-4.7`).
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
        case .claude3: return try ClaudeBoundCounter(family: .claude3, o200k: .o200kBase(), cl100k: .cl100kBase())
        case .claude47, .claude: return try ClaudeBoundCounter(family: .claude47, o200k: .o200kBase(), cl100k: .cl100kBase())
        case .heuristic: return HeuristicTokenCounter()
        }
    }

    /// True when counts of this kind are estimates and must be labelled so.
    public var isEstimate: Bool {
        switch self {
        case .o200kBase, .cl100kBase: return false
        case .claude3, .claude47, .claude, .heuristic: return true
        }
    }
}
