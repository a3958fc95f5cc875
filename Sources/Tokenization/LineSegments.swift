#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a text may be cut so that its exact count is the sum of its parts' counts.
///
/// Under o200k_base no piece crosses a position `q` whose previous byte is `\n` and whose own byte is
/// printable ASCII other than `/`: every run the pattern scans (letters, digits, punctuation, whitespace)
/// ends at that `\n` or right after it, and a piece's extent depends only on the text from its start. So
/// `count(text) == sum of count(segment)` over the segments between such positions ("line starts").
/// Callers use this to reuse the counts of lines they have already counted; the count stays exact.
public enum LineSegments {
    /// True when `encoding`'s counts add up over line-start segments (o200k_base; not checked for others).
    public static func areAdditive(under encoding: BytePairEncoding) -> Bool {
        encoding.name == "o200k_base"
    }

    /// True when a segment of `bytes` starts at `index`: after a line break, at printable ASCII other than `/`.
    @inlinable
    public static func startsSegment(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index > 0, index < bytes.count, bytes[index - 1] == 0x0A else { return false }
        let byte = bytes[index]
        return byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "/")
    }

    /// Calls `body` with the byte range of each segment of `bytes`, in order (see the type's summary).
    ///
    /// Finds line breaks with `memchr`, which reads many bytes at a time: a render splits its blocks, a
    /// few kilobytes each, several times.
    @inlinable
    public static func forEach(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var segmentStart = 0
        var searchFrom = 0
        // A line break at the last byte starts no segment, so the search stops before it.
        while searchFrom < bytes.count - 1,
              let found = memchr(base + searchFrom, 0x0A, bytes.count - 1 - searchFrom) {
            let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
            let byte = bytes[index]
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "/") {
                body(segmentStart..<index)
                segmentStart = index
            }
            searchFrom = index
        }
        body(segmentStart..<bytes.count)
    }

    /// The segments of `text`, in order (see the type's summary).
    public static func segments(of text: String) -> [Substring] {
        var text = text
        var ranges: [Range<Int>] = []
        text.withUTF8 { bytes in forEach(in: bytes) { ranges.append($0) } }
        let utf8 = text.utf8
        return ranges.map { range in
            text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
    }
}
