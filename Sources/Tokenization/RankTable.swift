/// The byte sequences of one encoding, indexed by rank and by content.
///
/// Immutable after construction. Lookups go through `RankTable.View`, a set of raw pointers valid only
/// inside `withView`.
struct RankTable: Sendable {
    /// Returned by lookups of byte sequences that are not tokens.
    static let absent = UInt32.max

    let encoding: String
    /// The whole compact file; the token bytes are concatenated in rank order after its header.
    let tokenBytes: [UInt8]
    /// `tokenBytes[offsets[r] ..< offsets[r + 1]]` are the bytes of rank `r`.
    let offsets: [UInt32]
    /// Open-addressing hash table (linear probing, load factor at most four fifths) of `Slot`s.
    let slots: [Slot]
    /// The rank of each single byte.
    let byteRanks: [UInt32]

    var tokenCount: Int { offsets.count - 1 }

    /// Verifies `compact` against `file.compactChecksum`, then parses and indexes it.
    init(compact: [UInt8], file: RankFile) throws(TokenizationError) {
        let actual = RankFileChecksum.hex(of: compact)
        guard actual == file.compactChecksum else {
            throw .rankFileChecksumMismatch(encoding: file.encoding, expected: file.compactChecksum, actual: actual)
        }
        let headerSize = RankFile.magic.count + 4
        guard compact.count > headerSize, Array(compact[0..<RankFile.magic.count]) == RankFile.magic else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "unknown header")
        }
        var count = 0
        for index in 0..<4 { count |= Int(compact[RankFile.magic.count + index]) << (8 * index) }
        guard count == file.tokenCount, compact.count >= headerSize + count else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "\(count) tokens, expected \(file.tokenCount)")
        }
        // Offsets point into the compact file itself, so the token bytes are never copied.
        var offsets = [UInt32](repeating: 0, count: count + 1)
        var end = headerSize + count
        offsets[0] = UInt32(end)
        for rank in 0..<count {
            end += Int(compact[headerSize + rank])
            offsets[rank + 1] = UInt32(end)
        }
        guard compact.count == end else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "token bytes do not match the length table")
        }
        self.encoding = file.encoding
        self.tokenBytes = compact
        self.offsets = offsets
        guard count < Slot.rankLimit else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "\(count) tokens is more than a slot can index")
        }
        self.slots = RankTable.buildSlots(tokenBytes: tokenBytes, offsets: offsets)
        var byteRanks = [UInt32](repeating: RankTable.absent, count: 256)
        for rank in 0..<count where offsets[rank + 1] - offsets[rank] == 1 {
            byteRanks[Int(tokenBytes[Int(offsets[rank])])] = UInt32(rank)
        }
        guard !byteRanks.contains(RankTable.absent) else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "not every single byte is a token")
        }
        self.byteRanks = byteRanks
    }

    /// One token in the hash table: its first 12 bytes (zero-padded), its length and `rank + 1`.
    ///
    /// A lookup compares the key with the slot alone, in the one cache line the slot lies in; only tokens
    /// longer than 12 bytes also read their remaining bytes from `tokenBytes`. A count in cold caches pays
    /// for cache misses: against slots that held a rank to look the bytes up by, cachegrind counted about
    /// half as many last-level misses per count of a typical block (docs/PERFORMANCE.md, "Cold caches").
    struct Slot: Sendable {
        /// Bytes 0..<8 of the token, little-endian, zero past its end.
        var head: UInt64 = 0
        /// Bytes 8..<12, the same way.
        var tail: UInt32 = 0
        /// `rank + 1` in the low 24 bits (0: an empty slot), `min(length, 255)` in the high 8.
        var rankAndLength: UInt32 = 0

        static let rankLimit = 1 << 24 - 1
        static let inlineBytes = 12
    }

    /// Builds the hash table (linear probing, load factor at most four fifths).
    ///
    /// The load factor trades a few more probes, mostly within the same or the next cache line (four slots
    /// to a line), for half the memory a load below one half would take: the table is built, and its pages
    /// touched, by every process that counts tokens, so its size is part of every cold start.
    private static func buildSlots(tokenBytes: [UInt8], offsets: [UInt32]) -> [Slot] {
        let count = offsets.count - 1
        var capacity = 1
        while capacity * 4 < count * 5 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Slot](repeating: Slot(), count: capacity)
        tokenBytes.withUnsafeBufferPointer { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                slots.withUnsafeMutableBufferPointer { slots in
                    for rank in 0..<count {
                        let start = Int(offsets[rank])
                        let length = Int(offsets[rank + 1]) - start
                        let key = View.key(bytes.baseAddress! + start, length)
                        var index = Int(truncatingIfNeeded: key.hash) & mask
                        while slots[index].rankAndLength != 0 { index = (index + 1) & mask }
                        slots[index] = Slot(head: key.head, tail: key.tail, rankAndLength: key.lengthBits | UInt32(rank + 1))
                    }
                }
            }
        }
        return slots
    }

    /// Runs `body` with raw access to the table.
    @inline(__always)
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try tokenBytes.withUnsafeBufferPointer { bytes in
            try offsets.withUnsafeBufferPointer { offsets in
                try slots.withUnsafeBufferPointer { slots in
                    try byteRanks.withUnsafeBufferPointer { byteRanks in
                        try body(View(
                            bytes: bytes.baseAddress!, offsets: offsets.baseAddress!, slots: slots.baseAddress!,
                            mask: slots.count - 1, byteRanks: byteRanks.baseAddress!
                        ))
                    }
                }
            }
        }
    }

    /// Raw-pointer access to a `RankTable`; never stored beyond `withView`.
    struct View {
        let bytes: UnsafePointer<UInt8>
        let offsets: UnsafePointer<UInt32>
        let slots: UnsafePointer<Slot>
        let mask: Int
        let byteRanks: UnsafePointer<UInt32>

        /// The rank of the `count` bytes at `key`, or `RankTable.absent`.
        @inline(__always)
        func rank(of key: UnsafePointer<UInt8>, count: Int) -> UInt32 {
            if count == 1 { return byteRanks[Int(key.pointee)] }
            let wanted = View.key(key, count)
            var index = Int(truncatingIfNeeded: wanted.hash) & mask
            while true {
                let slot = slots[index]
                if slot.rankAndLength == 0 { return RankTable.absent }
                if slot.head == wanted.head, slot.tail == wanted.tail, slot.rankAndLength & 0xFF00_0000 == wanted.lengthBits {
                    let rank = Int(slot.rankAndLength & 0x00FF_FFFF) - 1
                    if count <= Slot.inlineBytes { return UInt32(rank) }
                    let start = Int(offsets[rank])
                    if Int(offsets[rank + 1]) - start == count,
                       View.equal(bytes + start + Slot.inlineBytes, key + Slot.inlineBytes, count - Slot.inlineBytes) {
                        return UInt32(rank)
                    }
                }
                index = (index + 1) & mask
            }
        }

        @inline(__always)
        static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            var index = 0
            while index + 8 <= count {
                if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self)
                    != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self) { return false }
                index += 8
            }
            while index < count {
                if a[index] != b[index] { return false }
                index += 1
            }
            return true
        }

        /// What a slot holds of the `count` bytes at `key` (`head`, `tail`, length bits), and their hash.
        ///
        /// Reads exactly `count` bytes: a key may end at the end of its buffer.
        @inline(__always)
        static func key(_ key: UnsafePointer<UInt8>, _ count: Int) -> (head: UInt64, tail: UInt32, lengthBits: UInt32, hash: UInt64) {
            let raw = UnsafeRawPointer(key)
            let head: UInt64
            var tail: UInt32 = 0
            if count >= 8 {
                head = raw.loadUnaligned(as: UInt64.self)
                if count >= 12 {
                    tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
                } else {
                    tail = UInt32(truncatingIfNeeded: partial(raw + 8, count - 8))
                }
            } else {
                head = partial(raw, count)
            }
            var hash = (head ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            hash = (hash ^ UInt64(tail)) &* 0xFF51_AFD7_ED55_8CCD
            var index = Slot.inlineBytes
            while index + 8 <= count {
                hash ^= hash >> 32
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                index += 8
            }
            if index < count {
                hash ^= hash >> 32
                hash = (hash ^ partial(raw + index, count - index)) &* 0xFF51_AFD7_ED55_8CCD
            }
            hash ^= hash >> 29
            hash = hash &* 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 32
            return (head, tail, UInt32(min(count, 255)) << 24, hash)
        }

        /// The `count < 8` bytes at `raw`, little-endian, zero above them.
        @inline(__always)
        private static func partial(_ raw: UnsafeRawPointer, _ count: Int) -> UInt64 {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            var at = 0
            if count >= 4 {
                word = UInt64(raw.loadUnaligned(as: UInt32.self))
                shift = 32
                at = 4
            }
            while at < count {
                word |= UInt64(raw.load(fromByteOffset: at, as: UInt8.self)) << shift
                shift += 8
                at += 1
            }
            return word
        }
    }
}
