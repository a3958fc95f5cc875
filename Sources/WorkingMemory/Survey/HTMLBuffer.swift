/// An HTML page being written: one growing string, with every piece of text escaped on the way in.
///
/// `markup` appends the writer's own tags as they are; `text` escapes `&`, `<`, `>`, `"` and `'`, so a value
/// is safe both between tags and inside a quoted attribute. Everything that comes from a user or a file (user
/// ids, file names, section ids, reasons, explanations) goes through `text`.
struct HTMLBuffer {
    private(set) var html = ""

    init(reservingCapacity capacity: Int) {
        html.reserveCapacity(capacity)
    }

    /// Appends the writer's own markup, unescaped.
    mutating func markup(_ markup: String) {
        html += markup
    }

    /// Appends `value` escaped for HTML text and quoted attribute values.
    mutating func text(_ value: String) {
        guard value.utf8.contains(where: Self.needsEscaping) else {
            html += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.unicodeScalars.append(scalar)
            }
        }
    }

    /// Appends a whole number in decimal, without grouping (as the JSON report writes it).
    mutating func number(_ value: Int) {
        html += String(value)
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
