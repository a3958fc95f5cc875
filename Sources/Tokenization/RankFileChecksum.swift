/// The 64-bit checksum every load verifies a rank file with: fast enough for every process start.
///
/// SHA-256 of the 1.6 MB o200k file took about a third of a cold `wm render`; this takes well under a
/// millisecond. It guards against damaged or replaced files, not against an attacker who can also
/// replace the executable: each 8-byte word goes through a step that is a bijection of the running
/// state, so a change confined to one word always changes the checksum, and any other change does
/// except with probability 2⁻⁶⁴. The files' SHA-256 (`RankFile.compactSHA256`, `sourceSHA256`) are
/// still checked by the tests and by `scripts/tokenizer`.
enum RankFileChecksum {
    /// The checksum of `bytes`, as 16 lowercase hexadecimal digits.
    static func hex(of bytes: [UInt8]) -> String {
        let value = of(bytes)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The checksum of `bytes`.
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var state = UInt64(truncatingIfNeeded: raw.count) &* 0x9E37_79B9_7F4A_7C15
            var index = 0
            while index + 8 <= raw.count {
                state = mix(state, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            if index < raw.count {
                var tail: UInt64 = 0
                for offset in 0..<(raw.count - index) {
                    tail |= UInt64(raw[index + offset]) << (8 * UInt64(offset))
                }
                state = mix(state, tail)
            }
            state ^= state >> 29
            state = state &* 0xC4CE_B9FE_1A85_EC53
            return state ^ (state >> 32)
        }
    }

    /// One step: xor the word in, multiply by an odd constant, xor-shift; each part is a bijection.
    @inline(__always)
    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return product ^ (product >> 31)
    }
}
