import PromptCompiler
import SourceData
import WireFormats

/// A rendered block as `wm diff` compares it: the markdown, the stable block, and every item's status,
/// line, tokens and source rows, by section.
///
/// Made from a rendering (a snapshot file rendered now) or from a rendering's JSON (`wm render --format
/// json`, the service's answer), so that either can be compared with the other of its kind.
public struct ComparedRendering: Sendable {
    public var markdown: String
    public var stableMarkdown: String
    public var stableSHA256: String
    public var tokens: Int
    /// Sections in document order.
    public var sections: [Section]

    /// One section: its block, tokens, and items by key.
    public struct Section: Sendable {
        public var id: String
        public var block: String
        public var tokens: Int
        /// Items in input order.
        public var items: [Item]
    }

    /// One item of the input and what became of it.
    public struct Item: Sendable {
        public var key: String
        public var status: Status
        /// The line shown; nil when the item is not shown.
        public var line: String?
        /// Tokens of the line shown; 0 when not shown.
        public var tokens: Int
        /// The rows the item shows (empty when unknown, e.g. for an item left out).
        public var sources: [SourceRowRef]
    }

    /// What became of an item.
    public enum Status: Sendable, Equatable {
        case shown
        case truncated
        case omitted(OmissionReason)

        public var description: String {
            switch self {
            case .shown: "shown"
            case .truncated: "shown cut"
            case .omitted(let reason): "left out (\(reason.rawValue))"
            }
        }
    }

    /// A source row by name: its table, id or key, and the columns shown.
    public struct SourceRowRef: Sendable, Hashable {
        public var table: String
        public var id: String?
        public var key: String?
        public var columns: [String]

        public var description: String {
            table + (id.map { " id=" + $0 } ?? "") + (key.map { " key=" + $0 } ?? "") + " (" + columns.joined(separator: ", ") + ")"
        }
    }
}

extension ComparedRendering {
    /// The comparable form of `rendering`.
    public init(_ rendering: WorkingMemoryRendering) {
        markdown = rendering.markdown
        stableMarkdown = rendering.result.blocks.first?.markdown ?? ""
        stableSHA256 = rendering.stableSHA256
        tokens = rendering.result.tokens
        var shown: [String: (line: String, tokens: Int, truncated: Bool, sources: [SourceRowRef])] = [:]
        for line in rendering.lines {
            guard case .item(let section, let key, let truncated, let tokens, let source) = line.origin else { continue }
            shown[section + "\u{0}" + key] = (line.text, tokens, truncated, (source?.rows ?? []).map(SourceRowRef.init))
        }
        sections = rendering.report.sections.map { section in
            var reasons: [String: OmissionReason] = [:]
            for item in section.omittedItems { reasons[item.key] = item.reason }
            let sources = rendering.provenance.sources[section.id] ?? []
            let items = section.allKeys.enumerated().map { index, key -> Item in
                if let seen = shown[section.id + "\u{0}" + key] {
                    return Item(key: key, status: seen.truncated ? .truncated : .shown, line: seen.line, tokens: seen.tokens,
                                sources: seen.sources)
                }
                let rows = index < sources.count ? sources[index].rows.map(SourceRowRef.init) : []
                return Item(key: key, status: .omitted(reasons[key] ?? .empty), line: nil, tokens: 0, sources: rows)
            }
            return Section(id: section.id, block: section.block, tokens: section.tokens, items: items)
        }
    }
}

extension ComparedRendering.SourceRowRef {
    init(_ row: SourceRow) {
        self.init(table: row.table.rawValue, id: row.id?.lowercasedString, key: row.key, columns: row.columns)
    }
}
