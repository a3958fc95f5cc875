/// A value in a render context: what the compiler hands to item, note and body templates.
enum MustacheValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([MustacheValue])
    case object([String: MustacheValue])
    /// An object whose values are all text (an item's fields), without wrapping each value.
    case fields([String: String])

    /// The same value as swift-mustache expects it (for the reference renderer and differential checks).
    var foundationValue: Any {
        switch self {
        case .text(let text): return text
        case .number(let number): return number
        case .flag(let flag): return flag
        case .list(let values): return values.map(\.foundationValue)
        case .object(let fields): return fields.mapValues(\.foundationValue)
        case .fields(let fields): return fields
        }
    }
}
