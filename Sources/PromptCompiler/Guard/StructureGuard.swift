/// The structure the plan produced for one section: what the rendered markdown must contain, and nothing else.
struct ExpectedSection: Sendable {
    let id: String
    let heading: String
    let style: SectionPlan.Style
    let items: Int
    let note: SectionPlan.OmissionNote.Placement?
}

/// A rendered prompt whose structure differs from the plan: a bug, never a prompt to send.
public struct StructureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the mismatch is (a section id, `frame` or `end`).
    public let location: String
    /// What the plan expected there.
    public let expected: String
    /// What cmark found instead.
    public let found: String

    public var description: String {
        "rendered markdown does not match the plan at \(location): expected \(expected), found \(found)"
    }
}

/// Verifies a rendered prompt against its plan by parsing it with cmark.
///
/// The document must be exactly: the template's frame blocks, then for each present section in order its
/// heading (same text), its items (one list item, or one paragraph line, per rendered item; none for a
/// section kept by a heading-only item) and its note,
/// then the overflow marker paragraph if any. No raw HTML, link, image or code span anywhere.
enum StructureGuard {
    static func verify(
        _ markdown: String, frame: [MarkdownBlock], sections: [ExpectedSection], marker: Bool
    ) throws(StructureError) {
        // Only the frame's paragraphs are compared by text; items and notes by their lines.
        let document = CmarkParser.parse(markdown, textBlocks: frame.count)
        if let inline = document.forbiddenInline {
            throw StructureError(location: "inline", expected: "plain text, emphasis and strong only", found: inline)
        }
        var blocks = document.blocks[...]
        for expected in frame {
            let found = blocks.popFirst()
            guard found == expected else {
                throw StructureError(location: "frame", expected: expected.summary, found: found?.summary ?? "end of document")
            }
        }
        for section in sections {
            try verify(section, in: &blocks)
        }
        if marker {
            guard case .paragraph = blocks.popFirst() else {
                throw StructureError(location: "end", expected: "the overflow marker paragraph", found: "something else")
            }
        }
        if let extra = blocks.first {
            throw StructureError(location: "end", expected: "end of document", found: extra.summary)
        }
    }

    private static func verify(_ section: ExpectedSection, in blocks: inout ArraySlice<MarkdownBlock>) throws(StructureError) {
        func fail(_ expected: String, _ found: MarkdownBlock?) -> StructureError {
            StructureError(location: "section '\(section.id)'", expected: expected, found: found?.summary ?? "end of document")
        }
        let heading = blocks.popFirst()
        guard case .heading(_, let text)? = heading, text == section.heading else {
            throw fail("heading '\(section.heading)'", heading)
        }
        // A section kept by a heading-only item (`SectionPlan.headingOnlyKinds`) is its heading alone.
        if section.items == 0, section.note == nil { return }
        let content = blocks.popFirst()
        switch section.style {
        case .list:
            let itemCount = section.items + (section.note == .item ? 1 : 0)
            guard case .list(_, let items)? = content, items.count == itemCount else {
                throw fail("a list of \(itemCount) item(s)", content)
            }
            for (index, item) in items.enumerated() {
                let lines = index == items.count - 1 && section.note == .line ? 2 : 1
                guard case .one(.paragraph(let found, _)) = item, found == lines else {
                    throw StructureError(
                        location: "section '\(section.id)' item \(index + 1)",
                        expected: "one paragraph of \(lines) line(s)",
                        found: item.blocks.map(\.summary).joined(separator: ", "))
                }
            }
        case .lines:
            let lines = section.items + (section.note == .line ? 1 : 0)
            guard case .paragraph(let found, _)? = content, found == lines else {
                throw fail("a paragraph of \(lines) line(s)", content)
            }
        }
        if section.note == .paragraph {
            let note = blocks.popFirst()
            guard case .paragraph(1, _)? = note else { throw fail("the omission note paragraph", note) }
        }
    }
}
