import Foundation

/// What a cached answer is stored under: one user's block in one template, tokenizer, budget and format.
///
/// The template and tokenizer are the names the request resolved to (the defaults filled in), so a request
/// that names the default and one that names nothing share an entry. `budget` is as the request gave it:
/// nil is the template's default.
public struct RenderCacheKey: Hashable, Sendable {
    public let user: UUID
    public let template: String
    public let tokenizer: String
    public let budget: Int?
    public let format: AnswerFormat

    public init(user: UUID, template: String, tokenizer: String, budget: Int?, format: AnswerFormat) {
        self.user = user
        self.template = template
        self.tokenizer = tokenizer
        self.budget = budget
        self.format = format
    }
}

/// The two representations of a working-memory answer; each has its own body, entity tag and entry.
public enum AnswerFormat: String, Sendable {
    /// The whole render result (`WorkingMemoryRendering.json`).
    case json
    /// The markdown block alone.
    case markdown

    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        }
    }
}
