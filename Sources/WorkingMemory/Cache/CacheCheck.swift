import PromptCompiler
import Tokenization

extension WorkingMemoryRendering {
    /// This rendering with a report `cache` section for `model`: whether the prefix up to the cache
    /// breakpoint (`staticPrefixTokens` of the caller's text, then the stable block) reaches the model's
    /// minimum cacheable prefix.
    ///
    /// `counter` must be `model.tokenizer`'s (the caller makes it once and reuses it). The stable block is
    /// counted alone: where the caller's text ends and the block begins, the real count may differ by a token.
    public func checkingCache(for model: ModelCatalog.Model, staticPrefixTokens: Int, counter: any TokenCounter) -> WorkingMemoryRendering {
        let stable = result.blocks.first?.markdown ?? ""
        let stableTokens = counter.name == result.tokenizer ? self.stableTokens : counter.count(stable)
        return addingCache(CacheReport(
            model: model.name, minimumPrefixTokens: model.minimumPrefixTokens, tokenizer: counter.name,
            estimate: counter.isEstimate, staticPrefixTokens: staticPrefixTokens, stableTokens: stableTokens,
            source: model.source, checked: model.checked))
    }
}
