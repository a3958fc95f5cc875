import WireFormats
import PromptCompiler

/// One item or omission note of a rendered block, as the rendering's JSON lists it under `provenance`.
///
/// Keys: `block`, `computed`, `key` (null for a note), `kind` (`item` or `note`), `line` (1-based line of
/// `markdown`), `section`, `sources` (the rows shown; empty for a note), `summarises` (for a note: the items
/// and rows it counts; null for an item), `tokens` (the item's line, `line + "\n"`; null for a note),
/// `truncated`.
struct ProvenanceEntry: Encodable {
    let block: String
    let computed: String?
    let key: String?
    let kind: String
    let line: Int
    let section: String
    let sources: [SourceRowJSON]
    let summarises: NoteSummaryJSON?
    let tokens: Int?
    let truncated: Bool

    /// The entries of `lines` that are items or notes, in order.
    static func entries(of lines: [BlockLine]) -> [ProvenanceEntry] {
        lines.compactMap { line in
            switch line.origin {
            case .item(let section, let key, let truncated, let tokens, let source):
                return ProvenanceEntry(
                    block: line.block, computed: source?.computed, key: key, kind: "item", line: line.number,
                    section: section, sources: (source?.rows ?? []).map(SourceRowJSON.init), summarises: nil,
                    tokens: tokens, truncated: truncated)
            case .note(let section, let summary):
                return ProvenanceEntry(
                    block: line.block, computed: nil, key: nil, kind: "note", line: line.number, section: section,
                    sources: [], summarises: NoteSummaryJSON(summary), tokens: nil, truncated: false)
            case .template, .heading, .overflowMarker:
                return nil
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(block, forKey: .block)
        try container.encode(computed, forKey: .computed)
        try container.encode(key, forKey: .key)
        try container.encode(kind, forKey: .kind)
        try container.encode(line, forKey: .line)
        try container.encode(section, forKey: .section)
        try container.encode(sources, forKey: .sources)
        try container.encode(summarises, forKey: .summarises)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(truncated, forKey: .truncated)
    }

    enum CodingKeys: String, CodingKey {
        case block, computed, key, kind, line, section, sources, summarises, tokens, truncated
    }
}

/// A `SourceRow` as JSON: `columns`, `id` (UUID text or null), `key` (or null), `table`.
struct SourceRowJSON: Encodable {
    let columns: [String]
    let id: String?
    let key: String?
    let table: String

    init(_ row: SourceRow) {
        columns = row.columns
        id = row.id?.lowercasedString
        key = row.key
        table = row.table.rawValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(id, forKey: .id)
        try container.encode(key, forKey: .key)
        try container.encode(table, forKey: .table)
    }

    enum CodingKeys: String, CodingKey { case columns, id, key, table }
}

/// A `NoteSummary` as JSON: `excluded_by_limit`, `limit` (or null), `omitted` (key, reason, sources).
struct NoteSummaryJSON: Encodable {
    struct Omitted: Encodable {
        let key: String
        let reason: String
        let sources: [SourceRowJSON]
    }

    let excludedByLimit: Int
    let limit: String?
    let omitted: [Omitted]

    init(_ summary: NoteSummary) {
        excludedByLimit = summary.excludedByLimit
        limit = summary.limit
        omitted = summary.omitted.map {
            Omitted(key: $0.key, reason: $0.reason.rawValue, sources: ($0.source?.rows ?? []).map(SourceRowJSON.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(excludedByLimit, forKey: .excludedByLimit)
        try container.encode(limit, forKey: .limit)
        try container.encode(omitted, forKey: .omitted)
    }

    enum CodingKeys: String, CodingKey {
        case excludedByLimit = "excluded_by_limit"
        case limit, omitted
    }
}
