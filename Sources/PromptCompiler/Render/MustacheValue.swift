/// A value in a render context: what the compiler hands to item, note and body templates.
enum MustacheValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([MustacheValue])
    case object([String: MustacheValue])
    /// An object whose values are all text (an item's fields), without wrapping each value.
    case fields([String: String])
    /// One entry of a section's `items` list: the object `{item, first, last}` without building a dictionary.
    case listItem(String, first: Bool, last: Bool)

    /// The same value as swift-mustache expects it (for the reference renderer and differential checks).
    var foundationValue: Any {
        switch self {
        case .text(let text): return text
        case .number(let number): return number
        case .flag(let flag): return flag
        case .list(let values): return values.map(\.foundationValue)
        case .object(let fields): return fields.mapValues(\.foundationValue)
        case .fields(let fields): return fields
        case .listItem(let item, let first, let last): return ["item": item, "first": first, "last": last] as [String: Any]
        }
    }
}

extension MustacheValue {
    /// The value of member `name` when this is an object, nil when it lacks the member or is no object.
    func member(_ name: String) -> MustacheValue? {
        switch self {
        case .object(let fields): return fields[name]
        case .fields(let fields): return fields[name].map { .text($0) }
        case .listItem(let item, let first, let last):
            switch name {
            case "item": return .text(item)
            case "first": return .flag(first)
            case "last": return .flag(last)
            default: return nil
            }
        case .text, .number, .flag, .list: return nil
        }
    }
}
