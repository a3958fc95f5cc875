import CCmark

/// Parses markdown with libcmark and converts the tree into `MarkdownDocument` values.
///
/// The C parser and tree are owned by `parse` alone: made in a `CmarkArena`, walked once, and released with
/// the arena's chunks (each freed exactly once) before `parse` returns; no C pointer leaves it.
enum CmarkParser {
    /// `textBlocks`: how many top-level blocks keep their paragraphs' text (the guard compares only the
    /// frame's); later paragraphs keep only their line counts, and their text is empty. Headings always
    /// keep their text.
    static func parse(_ markdown: String, textBlocks: Int = .max) -> MarkdownDocument {
        var text = markdown
        return text.withUTF8 { bytes in
            CmarkArena.withMemory(expectedBytes: bytes.count) { memory in
                guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory) else { return unparsable }
                bytes.withMemoryRebound(to: CChar.self) { chars in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
                // The parser and the tree live in the arena: both are released with it, never node by node.
                guard let root = cmark_parser_finish(parser) else { return unparsable }
                var converter = Converter()
                var blocks: [MarkdownBlock] = []
                blocks.reserveCapacity(Converter.childCount(of: root))
                var child = cmark_node_first_child(root)
                while let current = child {
                    converter.keepsParagraphText = blocks.count < textBlocks
                    blocks.append(converter.block(current))
                    child = cmark_node_next(current)
                }
                return MarkdownDocument(blocks: blocks, forbiddenInline: converter.forbiddenInline)
            }
        }
    }

    private static let unparsable = MarkdownDocument(blocks: [.other("unparsable")], forbiddenInline: nil)

    private struct Converter {
        var forbiddenInline: String?
        var keepsParagraphText = true

        /// How many children `node` has: arrays get their size at once instead of growing by doubling
        /// (which cost about 20,000 instructions per typical prompt).
        static func childCount(of node: OpaquePointer) -> Int {
            var count = 0
            var child = cmark_node_first_child(node)
            while let current = child {
                count += 1
                child = cmark_node_next(current)
            }
            return count
        }

        mutating func children(of node: OpaquePointer) -> [MarkdownBlock] {
            var blocks: [MarkdownBlock] = []
            blocks.reserveCapacity(Self.childCount(of: node))
            var child = cmark_node_first_child(node)
            while let current = child {
                blocks.append(block(current))
                child = cmark_node_next(current)
            }
            return blocks
        }

        mutating func block(_ node: OpaquePointer) -> MarkdownBlock {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                var text = ""
                var lines = 1
                inline(node, into: &text, lines: &lines, keepsText: true)
                return .heading(level: Int(cmark_node_get_heading_level(node)), text: text)
            case CMARK_NODE_PARAGRAPH:
                var text = ""
                var lines = 1
                inline(node, into: &text, lines: &lines, keepsText: keepsParagraphText)
                return .paragraph(lines: lines, text: text)
            case CMARK_NODE_LIST:
                var items: [ListItem] = []
                items.reserveCapacity(Self.childCount(of: node))
                var child = cmark_node_first_child(node)
                while let item = child {
                    if let only = cmark_node_first_child(item), cmark_node_next(only) == nil {
                        items.append(.one(block(only)))
                    } else {
                        items.append(.many(children(of: item)))
                    }
                    child = cmark_node_next(item)
                }
                return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, items: items)
            case CMARK_NODE_BLOCK_QUOTE: return .other("block quote")
            case CMARK_NODE_CODE_BLOCK: return .other("code block")
            case CMARK_NODE_HTML_BLOCK: return .other("HTML block")
            case CMARK_NODE_THEMATIC_BREAK: return .other("thematic break")
            default: return .other("custom block")
            }
        }

        /// Collects the literal text (when `keepsText`) and the line count of `node`'s inline children, and
        /// notes the first inline that no template may produce.
        mutating func inline(_ node: OpaquePointer, into text: inout String, lines: inout Int, keepsText: Bool) {
            var child = cmark_node_first_child(node)
            while let current = child {
                switch cmark_node_get_type(current) {
                case CMARK_NODE_TEXT:
                    if keepsText, let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    lines += 1
                    if keepsText { text += "\n" }
                case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                    inline(current, into: &text, lines: &lines, keepsText: keepsText)
                case CMARK_NODE_CODE:
                    forbiddenInline = forbiddenInline ?? "code span"
                case CMARK_NODE_HTML_INLINE:
                    forbiddenInline = forbiddenInline ?? "inline HTML"
                case CMARK_NODE_LINK:
                    forbiddenInline = forbiddenInline ?? "link"
                    inline(current, into: &text, lines: &lines, keepsText: keepsText)
                case CMARK_NODE_IMAGE:
                    forbiddenInline = forbiddenInline ?? "image"
                default:
                    forbiddenInline = forbiddenInline ?? "custom inline"
                }
                child = cmark_node_next(current)
            }
        }
    }
}
