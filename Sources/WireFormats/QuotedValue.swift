/// A user-supplied value quoted for a message: escaped, on one line, and at most 80 characters long.
///
/// Messages name bad values so a user can find them, but the values may be hostile (newlines, control
/// characters, megabytes of text); this keeps every message one readable line.
public struct QuotedValue: Sendable, Hashable, CustomStringConvertible {
    /// The value as given.
    public let raw: String

    public init(_ raw: String) { self.raw = raw }

    /// The value in double quotes, with `"`, `\` and control characters escaped, cut with `…` after 80 characters.
    public var description: String {
        var text = "\""
        var count = 0
        for character in raw {
            if count == 80 { text += "…"; break }
            count += 1
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator
                    || scalar.properties.generalCategory == .format:
                    text += "\\u{" + String(scalar.value, radix: 16) + "}"
                default:
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}
