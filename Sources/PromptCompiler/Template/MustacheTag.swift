/// One `{{...}}` tag of a Mustache source, found by a scan that checks names and safety before compiling.
struct MustacheTag: Equatable {
    enum Kind: Equatable {
        case variable, section, invertedSection, close, comment, triple, ampersand
        case partial, parent, block, pragma, delimiter
    }
    let kind: Kind
    let name: String
    /// 1-based line within the scanned source.
    let line: Int

    /// All tags of `source` with the default delimiters (templates may not change them).
    static func scan(_ source: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        var line = 1
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            line += rest[rest.startIndex..<open.lowerBound].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            var after = rest[open.upperBound...]
            let triple = after.first == "{"
            if triple { after = after.dropFirst() }
            guard let close = after.range(of: triple ? "}}}" : "}}") else { break }
            let inner = after[after.startIndex..<close.lowerBound]
            let tagLine = line
            line += inner.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            rest = after[close.upperBound...]
            if triple {
                tags.append(MustacheTag(kind: .triple, name: String(inner).trimmingCharacters(), line: tagLine))
                continue
            }
            let sigil = inner.first
            let kind: Kind
            switch sigil {
            case "#": kind = .section
            case "^": kind = .invertedSection
            case "/": kind = .close
            case "!": kind = .comment
            case "&": kind = .ampersand
            case ">": kind = .partial
            case "<": kind = .parent
            case "$": kind = .block
            case "%": kind = .pragma
            case "=": kind = .delimiter
            default: kind = .variable
            }
            let name = kind == .variable ? String(inner) : String(inner.dropFirst())
            tags.append(MustacheTag(kind: kind, name: name.trimmingCharacters(), line: tagLine))
        }
        return tags
    }
}
