/// A rendered prompt: the markdown, its cache blocks, its token count and the budget report.
public struct PromptResult: Sendable {
    /// The whole block for the system prompt; exactly `blocks` joined.
    public let markdown: String
    /// `stable` (never depends on the volatile sections) then `volatile`.
    public let blocks: [PromptBlock]
    /// Exact tokens of `markdown` (an estimate when the counter says so).
    public let tokens: Int
    /// The budget the prompt was rendered into; `tokens <= budget` always.
    public let budget: Int
    /// The counter's name, e.g. `o200k_base`.
    public let tokenizer: String
    /// The template's name.
    public let template: String
    /// Per-section accounting: what was kept, cut and left out, and why.
    public let report: BudgetReport
}

/// One cache block of a rendered prompt.
public struct PromptBlock: Sendable, Equatable, Encodable {
    /// `stable` or `volatile`.
    public let name: String
    public let markdown: String
    /// Tokens of `markdown` counted on its own (blocks joined can differ from the sum by a token or two).
    public let tokens: Int
}
