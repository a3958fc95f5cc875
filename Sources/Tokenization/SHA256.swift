/// SHA-256 (FIPS 180-4): the rank files' checksums (in the tests) and the service's entity tags.
///
/// Written for this module so that it needs no crypto dependency; checked in the tests against
/// published vectors and against the checksums of the rank files.
public enum SHA256 {
    /// The lowercase hexadecimal SHA-256 digest of `bytes`.
    public static func hexDigest(of bytes: UnsafeRawBufferPointer) -> String {
        digest(of: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The lowercase hexadecimal SHA-256 digest of `bytes`.
    public static func hexDigest(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hexDigest(of: $0) }
    }

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func digest(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var state = initialState
        let fullBlocks = bytes.count / 64
        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let w = schedule.baseAddress!
                if let base = bytes.baseAddress {
                    for block in 0..<fullBlocks {
                        compress(&state, block: base + block * 64, k: k.baseAddress!, w: w)
                    }
                }
                // Padding: the remaining bytes, 0x80, zeros, then the bit length, in one or two blocks.
                var tail = [UInt8](repeating: 0, count: 128)
                let remaining = bytes.count - fullBlocks * 64
                for index in 0..<remaining { tail[index] = bytes[fullBlocks * 64 + index] }
                tail[remaining] = 0x80
                let tailBlocks = remaining + 9 <= 64 ? 1 : 2
                let bitLength = UInt64(bytes.count) &* 8
                for index in 0..<8 {
                    tail[tailBlocks * 64 - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
                }
                tail.withUnsafeBytes { tailBytes in
                    for block in 0..<tailBlocks {
                        compress(&state, block: tailBytes.baseAddress! + block * 64, k: k.baseAddress!, w: w)
                    }
                }
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in state {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    @inline(__always)
    private static func compress(
        _ state: inout [UInt32], block: UnsafeRawPointer, k: UnsafePointer<UInt32>, w: UnsafeMutablePointer<UInt32>
    ) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let w15 = w[t - 15], w2 = w[t - 2]
            let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
            let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        state.withUnsafeMutableBufferPointer { state in
            var a = state[0], b = state[1], c = state[2], d = state[3]
            var e = state[4], f = state[5], g = state[6], h = state[7]
            for t in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let choice = g ^ (e & (f ^ g))
                let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let majority = (a & b) | (c & (a | b))
                let t2 = s0 &+ majority
                h = g; g = f; f = e; e = d &+ t1
                d = c; c = b; b = a; a = t1 &+ t2
            }
            state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
            state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
        }
    }

    private static let initialState: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]

    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
