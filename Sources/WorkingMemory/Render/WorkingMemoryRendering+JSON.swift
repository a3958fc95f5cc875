import Foundation
import PromptCompiler
import SourceData
import WireFormats

extension WorkingMemoryRendering {
    /// The JSON object of a rendering, as `wm render --format json` prints it and `wm serve` returns it.
    ///
    /// Keys: markdown, blocks (stable, volatile), cache_prefix (breakpoint, sha256 and tokens of the stable
    /// block), provenance (each item and note: its line, section, key, tokens and source rows; see
    /// `ProvenanceEntry`), tokens, budget, tokenizer, template, report, failed_sources, time_zone,
    /// valid_until (RFC 3339, or null when nothing shown depends on time) and data_version
    /// (`EPOCH:VERSION`, or null when the source keeps none). Pretty-printed with sorted keys and a final newline, so the same rendering always gives the
    /// same bytes: the bytes `JSONEncoder` gives for `encodableJSON` (a test checks it), written by `JSONWriter` in its `encoderPretty` style.
    public var json: String {
        String(decoding: jsonUTF8, as: UTF8.self)
    }

    /// `json` as UTF-8 bytes: what a response body needs, without making (and validating) a `String`.
    public var jsonUTF8: [UInt8] {
        // Members in key order, as `JSONEncoder` sorts them.
        var writer = JSONWriter(style: .encoderPretty, reservingCapacity: 2 * markdown.utf8.count + 4096)
        writer.object { writer in
            writer.member("blocks") { $0.array(result.blocks) { $1.writeJSON(to: &$0) } }
            writer.member("budget", result.budget)
            writer.member("cache_prefix") { writer in
                writer.object { writer in
                    writer.member("breakpoint", cacheBreakpoint)
                    writer.member("sha256", stableSHA256)
                    writer.member("tokens", stableTokens)
                }
            }
            writer.member("data_version", dataVersion?.description)
            writer.member("failed_sources") { writer in
                writer.array(failedSources) { writer, failed in
                    writer.object { writer in
                        writer.member("reason", failed.reason)
                        writer.member("source", failed.table.rawValue)
                    }
                }
            }
            writer.member("markdown", markdown)
            writer.member("provenance") { $0.array(ProvenanceEntry.entries(of: traceLines(withText: false))) { $1.writeJSON(to: &$0) } }
            writer.member("report") { report.writeJSON(to: &$0) }
            writer.member("template", result.template)
            writer.member("time_zone", timeZone)
            writer.member("tokenizer", result.tokenizer)
            writer.member("tokens", result.tokens)
            writer.member("valid_until", validUntil.map(RFC3339.string(from:)))
        }
        var bytes = writer.bytes
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
    let cachePrefix: CachePrefixJSON
    let provenance: [ProvenanceEntry]
    let tokens: Int
    let budget: Int
    let tokenizer: String
    let template: String
    let report: BudgetReport
    let failedSources: [FailedSource]
    let timeZone: String
    let validUntil: String?
    let dataVersion: String?

    init(_ rendering: WorkingMemoryRendering) {
        markdown = rendering.markdown
        blocks = rendering.result.blocks
        cachePrefix = CachePrefixJSON(breakpoint: rendering.cacheBreakpoint, sha256: rendering.stableSHA256,
                                      tokens: rendering.stableTokens)
        provenance = ProvenanceEntry.entries(of: rendering.traceLines(withText: false))
        tokens = rendering.result.tokens
        budget = rendering.result.budget
        tokenizer = rendering.result.tokenizer
        template = rendering.result.template
        report = rendering.report
        failedSources = rendering.failedSources
        timeZone = rendering.timeZone
        validUntil = rendering.validUntil.map(RFC3339.string(from:))
        dataVersion = rendering.dataVersion?.description
    }

    /// Absent values are written as null, as `jsonUTF8` writes them.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(markdown, forKey: .markdown)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(cachePrefix, forKey: .cachePrefix)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(budget, forKey: .budget)
        try container.encode(tokenizer, forKey: .tokenizer)
        try container.encode(template, forKey: .template)
        try container.encode(report, forKey: .report)
        try container.encode(failedSources, forKey: .failedSources)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(validUntil, forKey: .validUntil)
        try container.encode(dataVersion, forKey: .dataVersion)
    }

    enum CodingKeys: String, CodingKey {
        case markdown, blocks, tokens, budget, tokenizer, template, report, provenance
        case cachePrefix = "cache_prefix"
        case failedSources = "failed_sources"
        case timeZone = "time_zone"
        case validUntil = "valid_until"
        case dataVersion = "data_version"
    }
}

/// The `cache_prefix` member: the template's breakpoint, and the stable block's SHA-256 and tokens.
private struct CachePrefixJSON: Encodable {
    let breakpoint: String?
    let sha256: String
    let tokens: Int

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(breakpoint, forKey: .breakpoint)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(tokens, forKey: .tokens)
    }

    enum CodingKeys: String, CodingKey { case breakpoint, sha256, tokens }
}
