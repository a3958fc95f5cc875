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
    /// The `model=` and `static_prefix_tokens=` of a cache check (its section is part of the JSON); nil without.
    public let cacheCheck: CacheCheckRequest?

    public init(user: UUID, template: String, tokenizer: String, budget: Int?, format: AnswerFormat,
                cacheCheck: CacheCheckRequest? = nil) {
        self.user = user
        self.template = template
        self.tokenizer = tokenizer
        self.budget = budget
        self.format = format
        self.cacheCheck = cacheCheck
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

/// A request's cache check: the model named by `model=`, and `static_prefix_tokens=` (0 when absent).
public struct CacheCheckRequest: Hashable, Sendable {
    public let model: String
    public let staticPrefixTokens: Int

    public init(model: String, staticPrefixTokens: Int) {
        self.model = model
        self.staticPrefixTokens = staticPrefixTokens
    }
}
