/// Whether a model's prompt cache can hold the prompt up to the block's cache breakpoint: the report's
/// `cache` section (`wm render --model`, the service's `model=`).
///
/// The cached prefix is the caller's static text (`staticPrefixTokens`, given by the caller) followed by
/// the stable block, counted with the model's tokenizer. Below the model's minimum a provider caches
/// nothing and says nothing; this section says it.
public struct CacheReport: Sendable, Equatable, Encodable {
    /// `yes`: the prefix reaches the minimum (counted exactly). `no`: it does not (counted exactly, or with
    /// an upper bound that is already below the minimum). `unknown`: an upper bound reaches the minimum, but
    /// the real count may not.
    public enum Verdict: String, Sendable, Equatable, Encodable {
        case yes, no, unknown
    }

    public let model: String
    /// The model's minimum cacheable prefix, in its tokens.
    public let minimumPrefixTokens: Int
    /// The counter the stable block was counted with for this model.
    public let tokenizer: String
    /// True when that counter gives an upper bound rather than the exact count.
    public let estimate: Bool
    /// The caller's text in front of the block (system instructions, tools), in the model's tokens.
    public let staticPrefixTokens: Int
    /// The stable block, counted with `tokenizer`.
    public let stableTokens: Int
    /// `staticPrefixTokens + stableTokens`.
    public let prefixTokens: Int
    public let cacheable: Verdict
    /// What to do about a prefix that is too short (or may be); nil when it is long enough.
    public let warning: String?
    /// Where the minimum comes from, and the date it was checked there.
    public let source: String
    public let checked: String

    public init(model: String, minimumPrefixTokens: Int, tokenizer: String, estimate: Bool, staticPrefixTokens: Int,
                stableTokens: Int, source: String, checked: String) {
        self.model = model
        self.minimumPrefixTokens = minimumPrefixTokens
        self.tokenizer = tokenizer
        self.estimate = estimate
        self.staticPrefixTokens = staticPrefixTokens
        self.stableTokens = stableTokens
        self.source = source
        self.checked = checked
        prefixTokens = staticPrefixTokens + stableTokens
        let reaches = prefixTokens >= minimumPrefixTokens
        cacheable = !reaches ? .no : estimate ? .unknown : .yes
        switch cacheable {
        case .yes:
            warning = nil
        case .no:
            warning = "the prefix up to the cache breakpoint is \(prefixTokens) tokens\(estimate ? " at most" : ""), "
                + "below \(model)'s minimum of \(minimumPrefixTokens): it will not be cached. Put at least "
                + "\(minimumPrefixTokens - prefixTokens) more tokens of static text in front of the block, or "
                + "leave this breakpoint out"
        case .unknown:
            warning = "\(tokenizer) gives an upper bound (\(prefixTokens) tokens); the real count may be below "
                + "\(model)'s minimum of \(minimumPrefixTokens). Check the usage's cache_creation_input_tokens"
        }
    }

    /// A missing warning is written as null, as `writeJSON(to:)` writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cacheable, forKey: .cacheable)
        try container.encode(checked, forKey: .checked)
        try container.encode(estimate, forKey: .estimate)
        try container.encode(minimumPrefixTokens, forKey: .minimumPrefixTokens)
        try container.encode(model, forKey: .model)
        try container.encode(prefixTokens, forKey: .prefixTokens)
        try container.encode(source, forKey: .source)
        try container.encode(stableTokens, forKey: .stableTokens)
        try container.encode(staticPrefixTokens, forKey: .staticPrefixTokens)
        try container.encode(tokenizer, forKey: .tokenizer)
        try container.encode(warning, forKey: .warning)
    }

    enum CodingKeys: String, CodingKey {
        case model, tokenizer, estimate, cacheable, warning, source, checked
        case minimumPrefixTokens = "minimum_prefix_tokens"
        case staticPrefixTokens = "static_prefix_tokens"
        case stableTokens = "stable_tokens"
        case prefixTokens = "prefix_tokens"
    }
}
