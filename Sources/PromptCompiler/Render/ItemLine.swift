/// An item's rendered markdown as UTF-8, followed by the line break that ends it in a block.
///
/// Items stay bytes from their render to the body's: the allocator counts the line as it is (the count of
/// `item + "\n"`), the body copies the text in, and no item becomes a `String` (which would validate its
/// bytes again) unless a caller asks for `string`.
struct ItemLine: Sendable {
    /// The text's bytes, then "\n".
    private let bytes: [UInt8]

    /// The text's bytes followed by "\n"; `text` must be valid UTF-8.
    init(text: UnsafeBufferPointer<UInt8>) {
        bytes = [UInt8](unsafeUninitializedCapacity: text.count + 1) { line, initialized in
            if let base = text.baseAddress { line.baseAddress!.initialize(from: base, count: text.count) }
            line[text.count] = 0x0A
            initialized = text.count + 1
        }
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { ItemLine(text: $0) }
    }

    /// Bytes in all, the line break included.
    var count: Int { bytes.count }

    /// Calls `body` with the text's bytes and the line break (valid only during the call).
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the text's bytes, without the line break (valid only during the call).
    func withTextBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withBytes { try body(UnsafeBufferPointer(rebasing: $0.dropLast())) }
    }

    /// The item's text as a `String`.
    var string: String { withTextBytes { String(decoding: $0, as: UTF8.self) } }

    /// True when the text is whitespace only (or empty).
    var isBlank: Bool {
        withBytes { bytes in bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D } }
    }
}
