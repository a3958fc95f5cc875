/// A location inside a JSON document, written like `$.deliverables[2].updated_at`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    private var components: [Component]

    private enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    /// The document itself, `$`.
    public static let root = JSONPath(components: [])

    /// The member `key` of the object at this path.
    public func appending(_ key: String) -> JSONPath { appending(component: .key(key)) }

    /// The element `index` of the array at this path.
    public func appending(_ index: Int) -> JSONPath { appending(component: .index(index)) }

    private func appending(component: Component) -> JSONPath {
        var longer = JSONPath(components: [])
        longer.components.reserveCapacity(components.count + 1)
        longer.components.append(contentsOf: components)
        longer.components.append(component)
        return longer
    }

    /// `$` followed by `.key` for plain keys, `["key"]` for any other, and `[index]`.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isPlain(key):
                text += "." + key
            case .key(let key):
                text += "[" + QuotedValue(key).description + "]"
            }
        }
        return text
    }

    private static func isPlain(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
