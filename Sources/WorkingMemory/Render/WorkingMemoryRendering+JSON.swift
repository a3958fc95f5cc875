import Foundation
import PromptCompiler

extension WorkingMemoryRendering {
    /// The JSON object of a rendering, as `wm render --format json` prints it and `wm serve` returns it.
    ///
    /// Keys: markdown, blocks (stable, volatile), tokens, budget, tokenizer, template, report, failed_sources,
    /// time_zone. Pretty-printed with sorted keys and a final newline, so the same rendering always gives the
    /// same bytes: the bytes `JSONEncoder` gives for `encodableJSON` (a test checks it), written by `PrettyJSON`.
    public var json: String {
        String(decoding: jsonUTF8, as: UTF8.self)
    }

    /// `json` as UTF-8 bytes: what a response body needs, without making (and validating) a `String`.
    public var jsonUTF8: [UInt8] {
        // Members in key order, as they are written: `PrettyJSON` then need not sort them.
        let members: [(key: String, value: PrettyJSON)] = [
            ("blocks", .array(result.blocks.map(\.prettyJSON))), ("budget", .integer(result.budget)),
            ("failed_sources", .array(failedSources.map {
                .object([("reason", .string($0.reason)), ("source", .string($0.table.rawValue))])
            })),
            ("markdown", .string(markdown)), ("report", report.prettyJSON), ("template", .string(result.template)),
            ("time_zone", .string(timeZone)), ("tokenizer", .string(result.tokenizer)), ("tokens", .integer(result.tokens)),
        ]
        var bytes = PrettyJSON.object(members).utf8
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The rendering's JSON shape as an `Encodable` value: the reference that `json` must match byte for byte.
    var encodableJSON: some Encodable { RenderingJSON(self) }
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
