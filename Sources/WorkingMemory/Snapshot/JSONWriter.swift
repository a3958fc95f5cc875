/// Writes JSON text deterministically: two-space indentation, keys in the order given.
///
/// Objects of a `JSONValue` are written with their keys in code-point order; snapshot rows pass
/// their members in column order instead. Non-ASCII text is written as UTF-8, not escaped.
struct JSONWriter {
    var text = ""

    /// One member of an object being written: a key and its value.
    typealias Member = (key: String, value: JSONValue)

    /// Writes an object whose members appear in the given order.
    mutating func writeObject(_ members: [Member], indent: Int) {
        guard !members.isEmpty else { text += "{}"; return }
        text += "{\n"
        for (index, member) in members.enumerated() {
            text += String(repeating: "  ", count: indent + 1)
            writeString(member.key)
            text += ": "
            write(member.value, indent: indent + 1)
            text += index == members.count - 1 ? "\n" : ",\n"
        }
        text += String(repeating: "  ", count: indent) + "}"
    }

    /// Writes an array whose elements are written by `element`.
    mutating func writeArray<Element>(_ elements: [Element], indent: Int,
                                      element: (inout JSONWriter, Element, Int) -> Void) {
        guard !elements.isEmpty else { text += "[]"; return }
        text += "[\n"
        for (index, item) in elements.enumerated() {
            text += String(repeating: "  ", count: indent + 1)
            element(&self, item, indent + 1)
            text += index == elements.count - 1 ? "\n" : ",\n"
        }
        text += String(repeating: "  ", count: indent) + "]"
    }

    /// Writes any JSON value; object keys in code-point order.
    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .integer(let number): text += String(number)
        case .number(let number): text += number.description
        case .string(let string): writeString(string)
        case .array(let elements):
            writeArray(elements, indent: indent) { writer, element, depth in writer.write(element, indent: depth) }
        case .object(let members):
            let ordered = members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            writeObject(ordered.map { (key: $0.key, value: $0.value) }, indent: indent)
        }
    }

    /// Writes a string literal, escaping quotes, backslashes and control characters.
    mutating func writeString(_ string: String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
