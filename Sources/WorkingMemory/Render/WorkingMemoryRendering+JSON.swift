import Foundation
import PromptCompiler

extension WorkingMemoryRendering {
    /// The JSON object of a rendering, as `wm render --format json` prints it and `wm serve` returns it.
    ///
    /// Keys: markdown, blocks (stable, volatile), tokens, budget, tokenizer, template, report, failed_sources,
    /// time_zone. Pretty-printed with sorted keys and a final newline, so the same rendering always gives the
    /// same bytes.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(RenderingJSON(self))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The encodable shape behind `WorkingMemoryRendering.json`.
private struct RenderingJSON: Encodable {
    let markdown: String
    let blocks: [PromptBlock]
    let tokens: Int
    let budget: Int
    let tokenizer: String
    let template: String
    let report: BudgetReport
    let failedSources: [FailedSource]
    let timeZone: String

    init(_ rendering: WorkingMemoryRendering) {
        markdown = rendering.markdown
        blocks = rendering.result.blocks
        tokens = rendering.result.tokens
        budget = rendering.result.budget
        tokenizer = rendering.result.tokenizer
        template = rendering.result.template
        report = rendering.report
        failedSources = rendering.failedSources
        timeZone = rendering.timeZone
    }

    enum CodingKeys: String, CodingKey {
        case markdown, blocks, tokens, budget, tokenizer, template, report
        case failedSources = "failed_sources"
        case timeZone = "time_zone"
    }
}
