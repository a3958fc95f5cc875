/// An item's rendered markdown as UTF-8, followed by the line break that ends it in a block.
///
/// Items stay bytes from their render to the body's: the allocator counts the line as it is (the count of
/// `item + "\n"`), the body copies the text in, and no item becomes a `String` (which would validate its
/// bytes again) unless a caller asks for `string`. The bytes live in one object with the bytes inline
/// (`LineStorage`): an `Array` of them cost a generic metadata lookup on every allocation, about 600
/// instructions per item.
///
/// `@unchecked Sendable`: the storage is written only in `LineStorage.make`, before any `ItemLine` holds
/// it, and only read after; `ManagedBuffer` itself cannot be declared `Sendable`.
struct ItemLine: Hashable, @unchecked Sendable {
    private let storage: LineStorage
    /// Bytes in all, the line break included (kept here: reading the buffer's header costs an exclusivity check).
    let count: Int

    /// The text's bytes followed by "\n"; `text` must be valid UTF-8.
    init(text: UnsafeBufferPointer<UInt8>) {
        storage = LineStorage.make(copying: text, then: 0x0A)
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

    static func == (a: ItemLine, b: ItemLine) -> Bool {
        a.storage === b.storage || a.withBytes { first in b.withBytes { first.elementsEqual($0) } }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// The bytes of one `ItemLine`, inline in the object (no header: the line keeps the count). Never changed
/// once made.
final class LineStorage: ManagedBuffer<Void, UInt8> {
    /// A storage holding `bytes`, then `last` when given.
    static func make(copying bytes: UnsafeBufferPointer<UInt8>, then last: UInt8?) -> LineStorage {
        let count = bytes.count + (last == nil ? 0 : 1)
        let made = unsafeDowncast(create(minimumCapacity: count) { _ in }, to: LineStorage.self)
        made.withUnsafeMutablePointerToElements { elements in
            if let base = bytes.baseAddress { elements.initialize(from: base, count: bytes.count) }
            if let last { (elements + bytes.count).initialize(to: last) }
        }
        return made
    }
}
