import PromptCompiler
import WireFormats

extension ComparedRendering {
    /// Why a rendering's JSON cannot be compared.
    public struct JSONProblem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The comparable form of a rendering's JSON (`wm render --format json`, the service's answer).
    ///
    /// - Throws: `JSONProblem` naming what is missing (e.g. JSON from a build without provenance).
    public init(resultJSON value: JSONValue) throws(JSONProblem) {
        func problem(_ text: String) -> JSONProblem { JSONProblem(description: text) }
        guard case .string(let markdown)? = value["markdown"] else { throw problem("no \"markdown\" string") }
        guard case .integer(let tokens)? = value["tokens"] else { throw problem("no \"tokens\" number") }
        guard case .array(let blocks)? = value["blocks"], case .string(let stable)? = blocks.first?["markdown"] else {
            throw problem("no \"blocks\" array with the stable block's markdown")
        }
        guard case .array(let provenance)? = value["provenance"] else {
            throw problem("no \"provenance\" array: render it again with this version of wm")
        }
        guard case .array(let sections)? = value["report"]?["sections"] else { throw problem("no \"report.sections\" array") }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var shown: [String: [Item]] = [:]
        for entry in provenance {
            guard case .string("item")? = entry["kind"] else { continue }
            guard case .string(let section)? = entry["section"], case .string(let key)? = entry["key"],
                  case .integer(let number)? = entry["line"], number >= 1, Int(number) <= lines.count,
                  case .integer(let itemTokens)? = entry["tokens"], case .bool(let truncated)? = entry["truncated"],
                  case .array(let rows)? = entry["sources"]
            else { throw problem("a provenance item lacks section, key, line, tokens, truncated or sources") }
            shown[section, default: []].append(Item(
                key: key, status: truncated ? .truncated : .shown, line: lines[Int(number) - 1], tokens: Int(itemTokens),
                sources: try rows.map { row throws(JSONProblem) in try SourceRowRef(json: row) }))
        }
        self.sections = try sections.map { section throws(JSONProblem) -> Section in
            guard case .string(let id)? = section["id"], case .string(let block)? = section["block"],
                  case .integer(let sectionTokens)? = section["tokens"], case .array(let omitted)? = section["omitted_items"]
            else { throw problem("a report section lacks id, block, tokens or omitted_items") }
            var items = shown[id] ?? []
            for entry in omitted {
                guard case .string(let key)? = entry["key"], case .string(let reasonText)? = entry["reason"],
                      let reason = OmissionReason(rawValue: reasonText)
                else { throw problem("an omitted item of section \(id) lacks key or reason") }
                items.append(Item(key: key, status: .omitted(reason), line: nil, tokens: 0, sources: []))
            }
            return Section(id: id, block: block, tokens: Int(sectionTokens), items: items)
        }
        self.markdown = markdown
        stableMarkdown = stable
        if case .string(let digest)? = value["cache_prefix"]?["sha256"] {
            stableSHA256 = digest
        } else {
            stableSHA256 = SHA256Digest.hex(of: stable)
        }
        self.tokens = Int(tokens)
    }
}

extension ComparedRendering.SourceRowRef {
    init(json row: JSONValue) throws(ComparedRendering.JSONProblem) {
        guard case .string(let table)? = row["table"], case .array(let columns)? = row["columns"] else {
            throw ComparedRendering.JSONProblem(description: "a source row lacks table or columns")
        }
        func text(_ value: JSONValue?) -> String? {
            if case .string(let text)? = value { return text }
            return nil
        }
        self.init(table: table, id: text(row["id"]), key: text(row["key"]), columns: columns.compactMap(text))
    }
}
