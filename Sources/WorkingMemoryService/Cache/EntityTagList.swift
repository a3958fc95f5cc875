/// The `If-None-Match` field's test (RFC 9110, sections 8.8.3 and 13.1.2).
///
/// The field is `*` or a comma-separated list of entity tags, each `"opaque"` or weak `W/"opaque"`.
/// `If-None-Match` compares weakly: `W/"x"` matches `"x"`. `*` matches any current representation. A list
/// that does not parse matches nothing, so the caller gets the full answer rather than a wrong 304.
enum EntityTagList {
    /// True when `field` names `tag` (a tag with its quotes, e.g. `"json-0a1b"`) or is `*`.
    static func matches(_ field: String, _ tag: String) -> Bool {
        var rest = Substring(field)
        func skipSpace() { rest = rest.drop { $0 == " " || $0 == "\t" } }
        skipSpace()
        if rest.first == "*" { return rest.dropFirst().allSatisfy { $0 == " " || $0 == "\t" } }
        while !rest.isEmpty {
            skipSpace()
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return false }
            let candidate = rest[rest.startIndex...close]
            if candidate == tag { return true }
            rest = rest[rest.index(after: close)...]
            skipSpace()
            if rest.isEmpty { break }
            guard rest.first == "," else { return false }
            rest = rest.dropFirst()
        }
        return false
    }
}
