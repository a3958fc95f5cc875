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
    /// Open-addressing hash set: the hash's fingerprint bits above `rankMask`, `rank + 1` below; 0 is empty.
    let slots: [UInt32]
    /// The low bits of a slot that hold `rank + 1`.
    let rankMask: UInt32
    /// The rank of each single byte.
    let byteRanks: [UInt32]

    var tokenCount: Int { offsets.count - 1 }

    /// Verifies `compact` against `file.compactSHA256`, then parses and indexes it.
    init(compact: [UInt8], file: RankFile) throws(TokenizationError) {
        let actual = SHA256.hexDigest(of: compact)
        guard actual == file.compactSHA256 else {
            throw .rankFileChecksumMismatch(encoding: file.encoding, expected: file.compactSHA256, actual: actual)
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
        var rankBits = 1
        while (1 << rankBits) <= count { rankBits += 1 }
        self.rankMask = UInt32((1 << rankBits) - 1)
        self.slots = RankTable.buildSlots(tokenBytes: tokenBytes, offsets: offsets, rankMask: rankMask)
        var byteRanks = [UInt32](repeating: RankTable.absent, count: 256)
        for rank in 0..<count where offsets[rank + 1] - offsets[rank] == 1 {
            byteRanks[Int(tokenBytes[Int(offsets[rank])])] = UInt32(rank)
        }
        guard !byteRanks.contains(RankTable.absent) else {
            throw .rankFileMalformed(encoding: file.encoding, reason: "not every single byte is a token")
        }
        self.byteRanks = byteRanks
    }

    /// Builds the hash set (linear probing, load factor below one half).
    private static func buildSlots(tokenBytes: [UInt8], offsets: [UInt32], rankMask: UInt32) -> [UInt32] {
        let count = offsets.count - 1
        var capacity = 1
        while capacity < count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [UInt32](repeating: 0, count: capacity)
        tokenBytes.withUnsafeBufferPointer { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                slots.withUnsafeMutableBufferPointer { slots in
                    for rank in 0..<count {
                        let start = Int(offsets[rank])
                        let hash = View.hash(bytes.baseAddress! + start, Int(offsets[rank + 1]) - start)
                        var index = Int(truncatingIfNeeded: hash) & mask
                        while slots[index] != 0 { index = (index + 1) & mask }
                        slots[index] = View.fingerprint(hash, rankMask) | UInt32(rank + 1)
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
                            mask: slots.count - 1, rankMask: rankMask, byteRanks: byteRanks.baseAddress!
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
        let slots: UnsafePointer<UInt32>
        let mask: Int
        let rankMask: UInt32
        let byteRanks: UnsafePointer<UInt32>

        /// The rank of the `count` bytes at `key`, or `RankTable.absent`.
        @inline(__always)
        func rank(of key: UnsafePointer<UInt8>, count: Int) -> UInt32 {
            if count == 1 { return byteRanks[Int(key.pointee)] }
            let hash = View.hash(key, count)
            let fingerprint = View.fingerprint(hash, rankMask)
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot == 0 { return RankTable.absent }
                if slot & ~rankMask == fingerprint {
                    let rank = Int(slot & rankMask) - 1
                    let start = Int(offsets[rank])
                    if Int(offsets[rank + 1]) - start == count && View.equal(bytes + start, key, count) {
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

        /// The bits of `hash` stored above the rank in a slot (taken from the half not used for the index).
        @inline(__always)
        static func fingerprint(_ hash: UInt64, _ rankMask: UInt32) -> UInt32 {
            UInt32(truncatingIfNeeded: hash >> 32) & ~rankMask
        }

        /// A 64-bit hash of `count` bytes: the low bits pick the slot, the high bits give the fingerprint.
        @inline(__always)
        static func hash(_ key: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
            var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
            var index = 0
            while index + 8 <= count {
                let word = UnsafeRawPointer(key + index).loadUnaligned(as: UInt64.self)
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                index += 8
            }
            let rest = count - index
            if rest > 0 {
                var word: UInt64 = 0
                let tail = UnsafeRawPointer(key + index)
                var shift: UInt64 = 0
                var at = 0
                if rest >= 4 {
                    word = UInt64(tail.loadUnaligned(as: UInt32.self))
                    shift = 32
                    at = 4
                }
                while at < rest {
                    word |= UInt64(tail.load(fromByteOffset: at, as: UInt8.self)) << shift
                    shift += 8
                    at += 1
                }
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            }
            hash ^= hash >> 29
            hash = hash &* 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 32
            return hash
        }
    }
}
