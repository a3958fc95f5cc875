#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact token counts of line-start segments (see `LineSegments`), looked up by their bytes.
///
/// A render counts the stable block, the volatile block and the whole prompt, which share most of their
/// segments: headings, the frame, a section's last line with its blank line and note. Looking a segment up
/// costs a hash and a comparison of its bytes instead of a byte-pair encoding. Keys are the exact UTF-8
/// bytes, never `String` equality (canonically equivalent texts can differ in bytes, and then in tokens).
/// Holds at most `capacity` segments, searched in order: a render has a few dozen that are not item lines.
struct SegmentCounts: Sendable {
    private struct Entry: Sendable {
        let hash: UInt64
        let offset: Int
        let length: Int
        let tokens: Int
    }

    static let capacity = 64
    /// Every recorded segment's bytes, one after another.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    /// The recorded count of the segment with these bytes, if any.
    func count(of segment: UnsafeBufferPointer<UInt8>) -> Int? {
        count(of: segment, hash: Self.hash(segment))
    }

    /// Records the exact count of the segment with these bytes (ignored once `capacity` are recorded).
    mutating func record(_ tokens: Int, for segment: UnsafeBufferPointer<UInt8>) {
        record(tokens, for: segment, hash: Self.hash(segment))
    }

    fileprivate func count(of segment: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard let base = segment.baseAddress, !entries.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { stored in
            for entry in entries where entry.hash == hash && entry.length == segment.count {
                if memcmp(stored.baseAddress! + entry.offset, base, entry.length) == 0 { return entry.tokens }
            }
            return nil
        }
    }

    fileprivate mutating func record(_ tokens: Int, for segment: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        guard entries.count < Self.capacity else { return }
        entries.append(Entry(hash: hash, offset: bytes.count, length: segment.count, tokens: tokens))
        bytes.append(contentsOf: segment)
    }

    /// FNV-1a over the bytes: cheap for the short segments a prompt has; equal hashes are then compared.
    fileprivate static func hash(_ segment: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in segment {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// The segment counts one render learns, on top of those its renderer measured once (headings, frame).
///
/// A reference type so that the copies of a render's `TokenTally` share what any of them learned; used by
/// one render on one thread only.
final class SegmentMemo {
    let known: SegmentCounts
    /// Unchecked exclusivity: one render uses it on one thread, and `count` never overlaps two accesses.
    @exclusivity(unchecked) private var learned = SegmentCounts()

    init(known: SegmentCounts) {
        self.known = known
    }

    /// The exact count of `segment`: known, learned earlier in this render, or measured now by `measure`.
    func count(_ segment: UnsafeBufferPointer<UInt8>, measure: (UnsafeBufferPointer<UInt8>) -> Int) -> Int {
        let hash = SegmentCounts.hash(segment)
        if let tokens = known.count(of: segment, hash: hash) ?? learned.count(of: segment, hash: hash) { return tokens }
        let tokens = measure(segment)
        learned.record(tokens, for: segment, hash: hash)
        return tokens
    }
}
