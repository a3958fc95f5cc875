/// A growable buffer that assembles UTF-8 output by copying bytes in, reused from render to render.
///
/// `Array<UInt8>.append(contentsOf:)` costs a hundred or more instructions per call whatever the length;
/// a render appends hundreds of short pieces, so this appends with `memcpy` after one capacity check.
/// The storage never leaves the buffer: readers get it inside `withBytes` only. One owner, one thread.
/// (Not NIO's `ByteBuffer`, which the service uses: this one only assembles a render's output.)
final class UTF8OutputBuffer {
    private(set) var count = 0
    private var capacity: Int
    private var storage: UnsafeMutablePointer<UInt8>

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Forgets the contents and keeps the capacity.
    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            var text = text
            text.withUTF8 { append($0) }
        }
    }

    /// Calls `body` with the bytes appended so far (valid only during the call).
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// The contents as a `String` (invalid UTF-8 would be repaired; renders only append valid UTF-8).
    var string: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = grown
    }
}
