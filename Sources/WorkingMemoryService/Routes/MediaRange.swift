/// One media range of an `Accept` header (`type/subtype;q=0.5`), lower-cased, with its position.
struct MediaRange: Equatable {
    let type: String
    let subtype: String
    /// The `q` parameter, 0...1; 1 when absent or not a valid quality value.
    let quality: Double
    /// Index in the header, for ties.
    let position: Int

    /// The ranges of an `Accept` header, skipping elements that are not `type/subtype`.
    ///
    /// Names and parameters are trimmed of HTTP whitespace (space, tab) and lower-cased in ASCII: media types
    /// are ASCII tokens (RFC 9110), and this runs for every working-memory request.
    static func parseAll(_ header: String) -> [MediaRange] {
        var ranges: [MediaRange] = []
        for (position, element) in header.utf8.split(separator: UInt8(ascii: ",")).enumerated() {
            let parts = element.split(separator: UInt8(ascii: ";")).map(Self.trimmedLowercased)
            let names = parts.first?.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) ?? []
            guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.starts(with: "q=".utf8) {
                if let value = Double(String(decoding: parameter.dropFirst(2), as: UTF8.self)), (0...1).contains(value) {
                    quality = value
                }
            }
            ranges.append(MediaRange(
                type: String(decoding: names[0], as: UTF8.self),
                subtype: String(decoding: names[1], as: UTF8.self),
                quality: quality, position: position
            ))
        }
        return ranges
    }

    /// `bytes` without leading and trailing spaces and tabs, with ASCII letters in lower case.
    private static func trimmedLowercased(_ bytes: Substring.UTF8View) -> [UInt8] {
        func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return [] }
        return bytes[first...last].map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
    }

    /// The most specific range that matches `type/subtype` (exact, then `type/*`, then `*/*`); nil if none.
    static func preference(for type: String, _ subtype: String, in ranges: [MediaRange]) -> MediaRange? {
        ranges.first { $0.type == type && $0.subtype == subtype }
            ?? ranges.first { $0.type == type && $0.subtype == "*" }
            ?? ranges.first { $0.type == "*" && $0.subtype == "*" }
    }
}
