/// One component of a name a template looks up (`{{heading}}`, `{{#items}}`), resolved once when compiling.
///
/// The compiler's own context values (`MustacheValue.body`, `.section`, `.listItem`) answer a fixed set of
/// names; matching `known` instead of comparing strings on every lookup keeps body rendering cheap.
struct TemplateName: Sendable {
    /// The names the compiler's own context values answer.
    enum Known: Sendable {
        case item, first, last, sections, id, heading, items, omitted, kept, note, other
    }

    let text: String
    let known: Known

    init(_ text: String) {
        self.text = text
        switch text {
        case "item": known = .item
        case "first": known = .first
        case "last": known = .last
        case "sections": known = .sections
        case "id": known = .id
        case "heading": known = .heading
        case "items": known = .items
        case "omitted": known = .omitted
        case "kept": known = .kept
        case "note": known = .note
        default: known = .other
        }
    }
}
