/// An item's rendered markdown as UTF-8, followed by the line break that ends it in a block.
///
/// Items stay bytes from their render to the body's: the allocator counts the line as it is (the count of
/// `item + "\n"`), the body copies the text in, and no item becomes a `String` (which would validate its
/// bytes again) unless a caller asks for `string`. The bytes are held inline in one object (`LineStorage`):
/// an `Array` of them cost a generic metadata lookup on every allocation, about 600 instructions per item.
///
/// `@unchecked Sendable`: the storage is written only in `LineStorage.make`, before any `ItemLine` holds
/// it, and only read after; `ManagedBuffer` itself cannot be declared `Sendable`.
struct ItemLine: @unchecked Sendable {
    private let storage: LineStorage
    /// Bytes in all, the line break included (kept here: reading the buffer's header costs an exclusivity check).
    let count: Int

    /// The text's bytes followed by "\n"; `text` must be valid UTF-8.
    init(text: UnsafeBufferPointer<UInt8>) {
        storage = LineStorage.make(line: text)
        count = text.count + 1
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { ItemLine(text: $0) }
    }

    /// Calls `body` with the text's bytes and the line break (valid only during the call).
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointerToElements { try body(UnsafeBufferPointer(start: $0, count: count)) }
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

/// The bytes of one `ItemLine`, inline in the object (no header: the line keeps the count). Never changed
/// once made.
final class LineStorage: ManagedBuffer<Void, UInt8> {
    /// A storage holding `text`, then "\n".
    static func make(line text: UnsafeBufferPointer<UInt8>) -> LineStorage {
        let made = unsafeDowncast(create(minimumCapacity: text.count + 1) { _ in }, to: LineStorage.self)
        made.withUnsafeMutablePointerToElements { elements in
            if let base = text.baseAddress { elements.initialize(from: base, count: text.count) }
            (elements + text.count).initialize(to: 0x0A)
        }
        return made
    }
}
