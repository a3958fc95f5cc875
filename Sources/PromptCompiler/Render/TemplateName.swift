/// One component of a name a template looks up (`{{heading}}`, `{{#items}}`), resolved once when compiling.
///
/// The compiler's own context values (`MustacheValue.body`, `.section`, `.listItem`) answer a fixed set of
/// names; matching `known` instead of comparing strings on every lookup keeps body rendering cheap.
struct TemplateName: Sendable {
    /// The names the compiler's own context values answer.
    enum Known: String, Sendable {
        case item, first, last, sections, id, heading, items, omitted, kept, note
    }

    let text: String
    /// Nil for any other name.
    let known: Known?
    /// True for `.`, the current context.
    let isDot: Bool

    init(_ text: String) {
        self.text = text
        known = Known(rawValue: text)
        isDot = text == "."
    }
}
