import Foundation
import PromptCompiler
import SourceData
import Tokenization

/// The whole job for one user: a source's snapshot -> builder -> compiler -> prompt and report.
///
/// Create one per (template, counter, settings) and reuse it: the template's fixed costs are measured once.
/// The builder flavour follows the template: `yarnnn-v1` gets the earlier version's rules, every other
/// template the standard ones.
public struct WorkingMemoryRenderer: Sendable {
    public let compiler: PromptRenderer
    public let builder: WorkingMemoryBuilder

    public init(template: PromptTemplate, counter: any TokenCounter, settings: BuilderSettings = .reference) {
        compiler = PromptRenderer(template: template, counter: counter)
        builder = WorkingMemoryBuilder(flavour: TemplateFlavour(templateName: template.name), settings: settings)
    }

    /// Builds and compiles what a source returned, as of `now`, within `budget` (the template's default when nil).
    ///
    /// The report's notes name every failed source and every builder decision a reader should know about.
    /// - Throws: `PromptCompileError` (e.g. required content over the budget with `overflow` `.fail`).
    public func render(
        _ fetched: SourceResult,
        now: Date,
        budget: Int? = nil,
        overflow: OverflowMode = .fail
    ) throws(PromptCompileError) -> WorkingMemoryRendering {
        let build = builder.build(fetched.snapshot, now: now)
        let result = try compiler.render(build.input, budget: budget, overflow: overflow)
        let notes = fetched.failedSources.map { "source failed: \($0)" } + build.notes.map(\.description)
        return WorkingMemoryRendering(
            result: result, report: result.report.noting(notes), timeZone: build.timeZone,
            failedSources: fetched.failedSources, validUntil: build.validUntil, dataVersion: fetched.dataVersion,
            provenance: build.provenance, counter: compiler.counter, overflowMarker: compiler.template.overflowMarker,
            cacheBreakpoint: compiler.template.cacheBreakpoint
        )
    }
}

/// A rendered working-memory block and how it was made.
public struct WorkingMemoryRendering: Sendable {
    /// The compiler's result: markdown, blocks, tokens, budget.
    public let result: PromptResult
    /// The budget report with the source and builder notes added, and the cache section when asked for.
    public private(set) var report: BudgetReport
    /// The IANA zone times are shown in.
    public let timeZone: String
    /// The parts of the source that could not be read; their sections are empty.
    public let failedSources: [FailedSource]
    /// The first instant at which the same data may render differently because time passed
    /// (`WorkingMemoryBuild.validUntil`); nil when nothing shown depends on time.
    public let validUntil: Date?
    /// The data version the source read with the data; nil for a file, or a read in more than one snapshot.
    public let dataVersion: DataVersion?
    /// The source rows of every item the builder gave the compiler (see `lines` for what was shown).
    public let provenance: BuildProvenance
    /// The counter the block was counted with: `lines` counts each line's cost with it.
    public let counter: any TokenCounter
    /// The template's overflow marker, to name it among the lines.
    let overflowMarker: String
    /// The section the stable block ends with (the template's `cache_breakpoint`); nil when it has none.
    public let cacheBreakpoint: String?

    /// This rendering with `cache` as its report's cache section.
    public func addingCache(_ cache: CacheReport) -> WorkingMemoryRendering {
        var copy = self
        copy.report = report.addingCache(cache)
        return copy
    }

    /// The SHA-256 of the stable block's markdown (64 lowercase hex digits): equal digests mean a prompt
    /// cache keyed on the prefix can hit.
    public var stableSHA256: String { SHA256Digest.hex(of: result.blocks.first?.markdown ?? "") }

    /// Tokens of the prefix up to the cache breakpoint: the stable block, counted with the render's counter.
    public var stableTokens: Int { result.blocks.first?.tokens ?? 0 }

    public var markdown: String { result.markdown }
}
