/// An item's rendered markdown as UTF-8, followed by the line break that ends it in a block.
///
/// Items stay bytes from their render to the body's: the allocator counts the line as it is (the count of
/// `item + "\n"`), the body copies the text in, and no item becomes a `String` (which would validate its
/// bytes again) unless a caller asks for `string`.
struct ItemLine: Hashable, Sendable {
    /// The text's UTF-8 bytes, then "\n".
    let bytes: [UInt8]

    /// `bytes` must be valid UTF-8 ending in "\n".
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ text: String) {
        bytes = Array(text.utf8) + [0x0A]
    }

    /// The item's text, without the line break.
    var text: ArraySlice<UInt8> { bytes.dropLast() }

    /// The item's text as a `String`.
    var string: String { String(decoding: text, as: UTF8.self) }

    /// True when the text is whitespace only (or empty).
    var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }
}
