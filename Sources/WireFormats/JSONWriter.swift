/// Writes JSON text deterministically, value by value, into UTF-8 bytes: the project's one JSON writer.
///
/// A caller opens containers, writes keys and values, and closes them; the writer puts the commas, line
/// breaks and indentation of its `JSONStyle`. Members are written in the order given: a caller that needs
/// sorted keys writes them sorted (the result types list them in key order). `value(_:)` writes a
/// `JSONValue` with object keys in code-point order, so the same value always gives the same bytes.
/// Non-ASCII text is written as UTF-8, never escaped; `/` is not escaped.
///
/// Misuse (a value where a key is due, closing what is not open) is a programming error, caught by
/// `assert` in debug builds.
package struct JSONWriter {
    /// The style every container is written in.
    package let style: JSONStyle
    /// The text written so far.
    package private(set) var bytes: [UInt8] = []

    /// One open container: whether it has a member yet, and whether it is an object.
    private struct Level {
        var isObject: Bool
        var isEmpty = true
    }
    private var levels: [Level] = []
    /// A key was written and its value is due.
    private var valueIsDue = false

    /// A writer with nothing written; `capacity` bytes are reserved up front.
    package init(style: JSONStyle, reservingCapacity capacity: Int = 0) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far, as a `String`.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    /// Opens an object; close it with `endObject()`.
    package mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        levels.append(Level(isObject: true))
    }

    /// Closes the innermost open object.
    package mutating func endObject() {
        assert(levels.last?.isObject == true && !valueIsDue, "JSONWriter: endObject without an open object")
        endContainer(closing: UInt8(ascii: "}"))
    }

    /// Opens an array; close it with `endArray()`.
    package mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        levels.append(Level(isObject: false))
    }

    /// Closes the innermost open array.
    package mutating func endArray() {
        assert(levels.last?.isObject == false, "JSONWriter: endArray without an open array")
        endContainer(closing: UInt8(ascii: "]"))
    }

    /// Writes an object whose members `body` writes.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// Writes an array with one element per item of `elements`, each written by `element`.
    package mutating func array<Elements: Sequence>(
        _ elements: Elements, _ element: (inout JSONWriter, Elements.Element) -> Void
    ) {
        beginArray()
        for item in elements { element(&self, item) }
        endArray()
    }

    /// Writes a member's key inside an object; its value must follow.
    package mutating func key(_ key: String) {
        assert(levels.last?.isObject == true && !valueIsDue, "JSONWriter: a key outside an object")
        separateMember()
        writeString(key)
        bytes.append(contentsOf: style.keySeparator.utf8)
        valueIsDue = true
    }

    // MARK: Scalars

    package mutating func null() {
        beginValue()
        append("null")
    }

    package mutating func bool(_ flag: Bool) {
        beginValue()
        append(flag ? "true" : "false")
    }

    /// Writes an integer in decimal, as `String(number)` writes it.
    package mutating func integer(_ number: some BinaryInteger) {
        beginValue()
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = UInt64(number.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Writes a floating-point number as Swift's `description` writes it.
    package mutating func number(_ number: Double) {
        beginValue()
        bytes.append(contentsOf: number.description.utf8)
    }

    /// Writes a string literal, escaping `"`, `\` and control characters (and DEL where the style says).
    package mutating func string(_ string: String) {
        beginValue()
        writeString(string)
    }

    /// Writes text that is already one valid JSON value (e.g. metadata validated earlier), as it is.
    package mutating func rawValue(_ json: String) {
        beginValue()
        bytes.append(contentsOf: json.utf8)
    }

    /// Writes any JSON value, object keys in code-point order.
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): integer(number)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let elements): array(elements) { writer, element in writer.value(element) }
        case .object(let members):
            let sorted = members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            object { writer in
                for (key, member) in sorted {
                    writer.key(key)
                    writer.value(member)
                }
            }
        }
    }

    // MARK: Members

    package mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    package mutating func member(_ key: String, _ value: Int) {
        self.key(key)
        integer(value)
    }

    package mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// The member with `null` when `value` is nil.
    package mutating func member(_ key: String, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// The member with `null` when `value` is nil.
    package mutating func member(_ key: String, _ value: Int?) {
        self.key(key)
        if let value { integer(value) } else { null() }
    }

    package mutating func member(_ key: String, _ value: JSONValue) {
        self.key(key)
        self.value(value)
    }

    /// The member whose value `body` writes.
    package mutating func member(_ key: String, _ body: (inout JSONWriter) -> Void) {
        self.key(key)
        body(&self)
    }

    // MARK: Layout

    /// Before any value: inside an array it is a new element; after a key it is that key's value.
    private mutating func beginValue() {
        if valueIsDue {
            valueIsDue = false
            return
        }
        assert(levels.last?.isObject != true, "JSONWriter: a value inside an object needs a key first")
        if !levels.isEmpty { separateMember() }
    }

    /// The comma, line break and indentation before a container's next member.
    private mutating func separateMember() {
        if !levels[levels.count - 1].isEmpty { bytes.append(UInt8(ascii: ",")) }
        levels[levels.count - 1].isEmpty = false
        if style.isIndented { newLine(depth: levels.count) }
    }

    private mutating func endContainer(closing: UInt8) {
        let level = levels.removeLast()
        if style.isIndented {
            if level.isEmpty {
                if style.blankLineInEmptyContainer { bytes.append(UInt8(ascii: "\n")); newLine(depth: levels.count) }
            } else {
                newLine(depth: levels.count)
            }
        }
        bytes.append(closing)
    }

    private mutating func newLine(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    // MARK: Strings

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        let escapesDelete = style.escapesDelete
        string.withUTF8 { text in
            guard let base = text.baseAddress else { return }
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            var index = 0
            while true {
                index = JSONEscapeScan.nextEscape(in: base, count: text.count, from: index, escapesDelete: escapesDelete)
                if index == text.count { break }
                let byte = base[index]
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                index += 1
                runStart = index
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    append("u00")
                    bytes.append(JSONEscapeScan.hexDigits[Int(byte >> 4)])
                    bytes.append(JSONEscapeScan.hexDigits[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: text.count - runStart))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
