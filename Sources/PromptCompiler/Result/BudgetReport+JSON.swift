import WireFormats

extension BudgetReport {
    /// Writes the report as a JSON object: the members of its `Encodable` form, in key order.
    ///
    /// In the `encoderPretty` style these are the bytes `JSONEncoder` gives (a test checks it); callers that
    /// embed the report in a larger object (a rendering's JSON) write it in place.
    package func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("budget", budget)
            if let cache { writer.member("cache") { cache.writeJSON(to: &$0) } }
            writer.member("estimate", estimate)
            writer.member("headroom", headroom)
            if let notes { writer.member("notes") { $0.array(notes) { $0.string($1) } } }
            writer.member("overflow_cut", overflowCut)
            writer.member("sections") { $0.array(sections) { $1.writeJSON(to: &$0) } }
            writer.member("stable_tokens", stableTokens)
            writer.member("template", template)
            writer.member("tokenizer", tokenizer)
            writer.member("tokens", tokens)
            writer.member("volatile_tokens", volatileTokens)
        }
    }
}

extension SectionReport {
    /// Writes the section's accounting as a JSON object, in key order (see `BudgetReport.writeJSON(to:)`).
    package func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("available", available)
            writer.member("block", block)
            writer.member("cap", cap)
            writer.member("floor", floor)
            writer.member("heading", heading)
            writer.member("id", id)
            writer.member("kept", kept)
            writer.member("note", note)
            writer.member("omitted") { writer in
                writer.object { writer in
                    for reason in Self.reasonsInKeyOrder { writer.member(reason.rawValue, omitted[reason] ?? 0) }
                }
            }
            writer.member("omitted_items") { writer in
                writer.array(omittedItems) { writer, item in
                    writer.object { writer in
                        writer.member("key", item.key)
                        writer.member("reason", item.reason.rawValue)
                    }
                }
            }
            writer.member("priority", priority)
            writer.member("tokens", tokens)
            writer.member("truncated") { $0.array(truncated) { $0.string($1) } }
        }
    }

    private static let reasonsInKeyOrder = OmissionReason.allCases.sorted { $0.rawValue < $1.rawValue }
}

extension CacheReport {
    /// Writes the section as a JSON object, in key order (see `BudgetReport.writeJSON(to:)`).
    package func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("cacheable", cacheable.rawValue)
            writer.member("checked", checked)
            writer.member("estimate", estimate)
            writer.member("minimum_prefix_tokens", minimumPrefixTokens)
            writer.member("model", model)
            writer.member("prefix_tokens", prefixTokens)
            writer.member("source", source)
            writer.member("stable_tokens", stableTokens)
            writer.member("static_prefix_tokens", staticPrefixTokens)
            writer.member("tokenizer", tokenizer)
            writer.member("warning", warning)
        }
    }
}

extension PromptBlock {
    /// Writes the block as a JSON object, in key order (see `BudgetReport.writeJSON(to:)`).
    package func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("markdown", markdown)
            writer.member("name", name)
            writer.member("tokens", tokens)
        }
    }
}
