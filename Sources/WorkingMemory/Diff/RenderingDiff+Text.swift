extension RenderingDiff {
    /// The difference as text: tokens, the stable block and its cache-bust blame, then each changed section
    /// with its items (`-` the old line, `+` the new one) and token deltas. Empty when `isEmpty`.
    public func text(old oldName: String, new newName: String) -> String {
        guard !isEmpty else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        out += "tokens: \(oldTokens) -> \(newTokens) (\(Self.signed(newTokens - oldTokens)))\n"
        if stableChanged {
            out += "stable block: CHANGED (sha256 \(oldStableSHA256.prefix(12)) -> \(newStableSHA256.prefix(12))): "
                + "a prompt cache keyed on it misses\n"
            if blame.isEmpty {
                out += "cache-bust blame: no item of the stable block changed; its template text, a heading or an omission "
                    + "note did (a budget, template or tokenizer change, or items left out of a stable section)\n"
            } else {
                out += "cache-bust blame:\n"
                for entry in blame {
                    out += "  \(entry.row.description) -> \(entry.section) item \(entry.key) \(entry.change.rawValue)\n"
                }
            }
        } else {
            out += "stable block: unchanged (sha256 \(newStableSHA256.prefix(12))): a prompt cache keyed on it still hits\n"
        }
        for section in sections {
            out += "section \(section.id) (\(section.block)): \(section.oldTokens) -> \(section.newTokens) tokens "
                + "(\(Self.signed(section.newTokens - section.oldTokens)))\n"
            for item in section.items {
                var detail = "  \(item.change.rawValue) \(item.key) (\(Self.signed(item.tokenDelta)) tokens)"
                if item.change == .dropped, let status = item.new?.status { detail += ": " + status.description }
                out += detail + "\n"
                if let line = item.old?.line { out += "    - " + line + "\n" }
                if let line = item.new?.line { out += "    + " + line + "\n" }
            }
        }
        return out
    }

    static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : "\(value)"
    }
}
