import WireFormats

extension ProvenanceEntry {
    /// Writes the entry in key order: the bytes `JSONEncoder` gives for its `Encodable` form.
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("block", block)
            writer.member("computed", computed)
            writer.member("key", key)
            writer.member("kind", kind)
            writer.member("line", line)
            writer.member("section", section)
            writer.member("sources") { $0.array(sources) { $1.writeJSON(to: &$0) } }
            if let summarises {
                writer.member("summarises") { summarises.writeJSON(to: &$0) }
            } else {
                writer.member("summarises", nil as String?)
            }
            writer.member("tokens", tokens)
            writer.member("truncated", truncated)
        }
    }
}

extension SourceRowJSON {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("columns") { $0.array(columns) { $0.string($1) } }
            writer.member("id", id)
            writer.member("key", key)
            writer.member("table", table)
        }
    }
}

extension NoteSummaryJSON {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("excluded_by_limit", excludedByLimit)
            writer.member("limit", limit)
            writer.member("omitted") { writer in
                writer.array(omitted) { writer, item in
                    writer.object { writer in
                        writer.member("key", item.key)
                        writer.member("reason", item.reason)
                        writer.member("sources") { $0.array(item.sources) { $1.writeJSON(to: &$0) } }
                    }
                }
            }
        }
    }
}
