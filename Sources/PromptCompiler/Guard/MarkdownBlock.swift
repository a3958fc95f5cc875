/// A block of parsed markdown as a Swift value: what the structural guard compares.
///
/// Built from cmark's tree, which is freed right after conversion; no C pointer outlives the parse.
enum MarkdownBlock: Equatable, Sendable {
    /// A heading with its level and its text (literal text of its inline children).
    case heading(level: Int, text: String)
    /// A paragraph with its number of lines (soft and hard breaks + 1) and its text (empty when the parse
    /// was asked for the text of earlier blocks only, see `CmarkParser.parse`).
    case paragraph(lines: Int, text: String)
    /// A list; each item is the blocks it holds.
    case list(ordered: Bool, items: [ListItem])
    /// Any other block (block quote, code block, HTML block, thematic break, ...), by cmark's type name.
    case other(String)

    var summary: String {
        switch self {
        case .heading(let level, let text): return "heading \(level) '\(text)'"
        case .paragraph(let lines, _): return "paragraph of \(lines) line(s)"
        case .list(let ordered, let items): return "\(ordered ? "ordered" : "bullet") list of \(items.count) item(s)"
        case .other(let kind): return kind
        }
    }
}

/// The blocks of one list item: almost always one (a paragraph), held without an array of its own.
enum ListItem: Equatable, Sendable {
    case one(MarkdownBlock)
    /// None, or more than one.
    case many([MarkdownBlock])

    var blocks: [MarkdownBlock] {
        switch self {
        case .one(let block): return [block]
        case .many(let blocks): return blocks
        }
    }
}

/// A parsed document: its top-level blocks, and the first inline node that no template may produce.
struct MarkdownDocument: Equatable, Sendable {
    var blocks: [MarkdownBlock]
    /// The type of the first raw HTML, link, image or code span found anywhere, if any.
    var forbiddenInline: String?
}
