/// A value in a render context: what the compiler hands to item, note and body templates.
enum MustacheValue {
    case text(String)
    /// An item's rendered text (its line without the break), held as UTF-8: copied, not revalidated.
    case itemText(ItemLine)
    case number(Int)
    case flag(Bool)
    case list([MustacheValue])
    case object([String: MustacheValue])
    /// An object whose values are all text (an item's fields), without wrapping each value.
    case fields([String: String])
    /// One entry of a section's `items` list: the object `{item, first, last}` without building a dictionary.
    case listItem(ItemLine, first: Bool, last: Bool)
    /// The body's root: `sections` (the list) and each present section by its id, without building dictionaries.
    case body(BodySections)
    /// Section `index` of the body as it sees it: `id`, `heading`, `items`, `omitted`, `kept` and, when shown, `note`.
    case section(BodySections, Int)
    /// The body's `sections` list, whose entries are `.section` values, without building the list.
    case sections(BodySections)
    /// Section `index`'s `items` list, whose entries are `.listItem` values, without building the list.
    case items(BodySections, Int)

    /// The same value as swift-mustache expects it (for the reference renderer and differential checks).
    var foundationValue: Any {
        switch self {
        case .text(let text): return text
        case .itemText(let line): return line.string
        case .number(let number): return number
        case .flag(let flag): return flag
        case .list(let values): return values.map(\.foundationValue)
        case .object(let fields): return fields.mapValues(\.foundationValue)
        case .fields(let fields): return fields
        case .listItem(let item, let first, let last): return ["item": item.string, "first": first, "last": last] as [String: Any]
        case .body, .section: return Self.object(of: self).foundationValue
        case .sections, .items: return listEntries.map(\.foundationValue)
        }
    }
}

extension MustacheValue {
    /// The value of member `name` when this is an object, nil when it lacks the member or is no object.
    func member(_ name: TemplateName) -> MustacheValue? {
        switch self {
        case .object(let fields): return fields[name.text]
        case .fields(let fields): return fields[name.text].map { .text($0) }
        case .listItem(let item, let first, let last):
            switch name.known {
            case .item?: return .itemText(item)
            case .first?: return .flag(first)
            case .last?: return .flag(last)
            default: return nil
            }
        case .body(let body):
            if name.known == .sections { return .sections(body) }
            return body.sections.lastIndex { $0.plan.id == name.text }.map { .section(body, $0) }
        case .section(let body, let index):
            let section = body.sections[index]
            switch name.known {
            case .id?: return .text(section.plan.id)
            case .heading?: return .text(section.plan.heading)
            case .items?: return .items(body, index)
            case .omitted?: return .number(section.omitted)
            case .kept?: return .number(section.lines.count)
            case .note?: return section.note.map { .text($0) }
            default: return nil
            }
        case .text, .itemText, .number, .flag, .list, .sections, .items: return nil
        }
    }

    /// The number of entries when this is a list of any kind (`.list`, `.sections`, `.items`); nil otherwise.
    var listCount: Int? {
        switch self {
        case .list(let values): return values.count
        case .sections(let body): return body.sections.count
        case .items(let body, let index): return body.sections[index].lines.count
        default: return nil
        }
    }

    /// Entry `position` of a list of any kind (`position < listCount`).
    func listEntry(_ position: Int) -> MustacheValue {
        switch self {
        case .list(let values): return values[position]
        case .sections(let body): return .section(body, position)
        case .items(let body, let index):
            let lines = body.sections[index].lines
            return .listItem(lines[position], first: position == 0, last: position == lines.count - 1)
        default: preconditionFailure("listEntry of a value that is no list")
        }
    }

    /// Every entry of a list of any kind (empty otherwise).
    var listEntries: [MustacheValue] {
        (0..<(listCount ?? 0)).map(listEntry)
    }

    /// `.body` and `.section` as the plain objects they stand for (for the reference renderer).
    private static func object(of value: MustacheValue) -> MustacheValue {
        switch value {
        case .body(let body):
            var root: [String: MustacheValue] = [:]
            for index in body.sections.indices { root[body.sections[index].plan.id] = object(of: .section(body, index)) }
            root["sections"] = .list(MustacheValue.sections(body).listEntries.map(object(of:)))
            return .object(root)
        case .section(let body, let index):
            let section = body.sections[index]
            var context: [String: MustacheValue] = [
                "id": .text(section.plan.id),
                "heading": .text(section.plan.heading),
                "items": .list(MustacheValue.items(body, index).listEntries),
                "omitted": .number(section.omitted),
                "kept": .number(section.lines.count),
            ]
            if let note = section.note { context["note"] = .text(note) }
            return .object(context)
        default:
            return value
        }
    }
}

/// The sections a body renders, shared by reference so that `MustacheValue` stays small to copy.
final class BodySections: Sendable {
    let sections: [RenderedSection]

    init(_ sections: [RenderedSection]) {
        self.sections = sections
    }
}
