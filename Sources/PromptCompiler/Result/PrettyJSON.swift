/// A JSON value for output, written byte for byte as Foundation's `JSONEncoder` writes it with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, in a fraction of the time.
///
/// The result JSON (`BudgetReport.json()`, a working-memory rendering's JSON) is written on every service
/// request, and `JSONEncoder` took about two thirds as long as the render itself. The types' `Encodable`
/// conformances stay the reference: tests check that both give the same bytes. The format:
/// - two-space indentation, `"key" : value`;
/// - keys sorted as Swift strings (`<`): code-point order for the ASCII keys of the result types, as
///   `JSONEncoder` sorts them (keys outside ASCII are not guaranteed its order);
/// - an empty container as its opening and closing lines with a blank line between;
/// - `/` and non-ASCII text unescaped; control characters escaped (`\n`, `\t`, `\b`, `\f`, `\r`, else `\u00xx`);
/// - only integers: none of the result types holds a floating-point number.
public enum PrettyJSON: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case string(String)
    case array([PrettyJSON])
    /// Members in any order; they are written sorted by key (`<`).
    case object([(key: String, value: PrettyJSON)])

    /// `value`, or `null` when it is nil (as `Encodable` encodes an optional with `encode(_:forKey:)`).
    public static func optional<Value>(_ value: Value?, _ wrap: (Value) -> PrettyJSON) -> PrettyJSON {
        value.map(wrap) ?? .null
    }

    /// The JSON text, without a final newline.
    public var text: String {
        String(decoding: utf8, as: UTF8.self)
    }

    /// The JSON text as UTF-8 bytes, without a final newline: what a response body needs, without making
    /// (and validating) a `String` first.
    public var utf8: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(into: &output, depth: 0)
        return output
    }

    private func write(into output: inout [UInt8], depth: Int) {
        switch self {
        case .null: Self.append("null", to: &output)
        case .bool(let flag): Self.append(flag ? "true" : "false", to: &output)
        case .integer(let number): Self.writeInteger(number, into: &output)
        case .string(let string): Self.writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            Self.writeMembers(elements, into: &output, depth: depth) { element, output in
                element.write(into: &output, depth: depth + 1)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            // The result types list their members in key order already: checking costs less than sorting.
            let sorted = Self.isSorted(members) ? members : members.sorted { $0.key < $1.key }
            Self.writeMembers(sorted, into: &output, depth: depth) { member, output in
                Self.writeString(member.key, into: &output)
                Self.append(" : ", to: &output)
                member.value.write(into: &output, depth: depth + 1)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The lines between a container's brackets: one per element, or one blank line when there is none.
    private static func writeMembers<Element>(_ elements: [Element], into output: inout [UInt8], depth: Int,
                                              element write: (Element, inout [UInt8]) -> Void) {
        output.append(UInt8(ascii: "\n"))
        if elements.isEmpty { output.append(UInt8(ascii: "\n")) }
        for (index, element) in elements.enumerated() {
            indent(depth + 1, into: &output)
            write(element, &output)
            if index < elements.count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\n"))
        }
        indent(depth, into: &output)
    }

    private static func indent(_ depth: Int, into output: inout [UInt8]) {
        let count = 2 * depth
        if count <= spaces.count {
            output.append(contentsOf: spaces[..<count])
        } else {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            var index = 0
            while true {
                index = nextEscape(in: base, count: bytes.count, from: index)
                if index == bytes.count { break }
                let byte = base[index]
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                index += 1
                runStart = index
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    append("u00", to: &output)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: bytes.count - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends a literal's bytes (`+= "…".utf8` goes through the generic sequence append, several times slower).
    private static func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `number` in decimal, as `String(number)` writes it, without making the string.
    private static func writeInteger(_ number: Int, into output: inout [UInt8]) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so that Int.min has one too.
        var rest = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest != 0
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private static func isSorted(_ members: [(key: String, value: PrettyJSON)]) -> Bool {
        var index = 1
        while index < members.count {
            guard members[index - 1].key < members[index].key else { return false }
            index += 1
        }
        return true
    }

    /// Whether a byte must be escaped in a JSON string: a control character, `"` or `\`.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The position of the first byte at or after `start` that `needsEscape`, or `count` when there is none.
    ///
    /// Reads eight bytes at a time: whether a word holds a byte below 0x20, a `"` or a `\` is decided with the
    /// usual word arithmetic (a byte below n: `(w - n·0x01…) & ~w & 0x80…`; a byte equal to c: a byte
    /// below 1 in `w ^ c·0x01…`), so text without escapes costs a few operations per word; only a word that
    /// holds one is scanned byte by byte.
    private static func nextEscape(in base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word
            let isQuote = (quote &- ones) & ~quote
            let isBackslash = (backslash &- ones) & ~backslash
            if (control | isQuote | isBackslash) & highs != 0 {
                for position in index..<(index + 8) where needsEscape(base[position]) { return position }
            }
            index += 8
        }
        while index < count, !needsEscape(base[index]) { index += 1 }
        return index
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
