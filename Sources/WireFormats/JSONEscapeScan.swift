/// Finds the next byte of a string that JSON needs escaped, eight bytes at a time.
enum JSONEscapeScan {
    /// The position of the first byte at or after `start` that must be escaped (a control character, `"`, `\`,
    /// and DEL when `escapesDelete`), or `count` when there is none.
    ///
    /// Whether a word holds such a byte is decided with the usual word arithmetic (a byte below n:
    /// `(w - n·0x01…) & ~w & 0x80…`; a byte equal to c: a byte below 1 in `w ^ c·0x01…`), so text without
    /// escapes costs a few operations per word; only a word that holds one is scanned byte by byte.
    static func nextEscape(in base: UnsafePointer<UInt8>, count: Int, from start: Int, escapesDelete: Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word
            let isQuote = (quote &- ones) & ~quote
            let isBackslash = (backslash &- ones) & ~backslash
            var found = control | isQuote | isBackslash
            if escapesDelete {
                let delete = word ^ (ones &* 0x7F)
                found |= (delete &- ones) & ~delete
            }
            if found & highs != 0 {
                for position in index..<(index + 8) where needsEscape(base[position], escapesDelete) { return position }
            }
            index += 8
        }
        while index < count, !needsEscape(base[index], escapesDelete) { index += 1 }
        return index
    }

    static func needsEscape(_ byte: UInt8, _ escapesDelete: Bool) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (escapesDelete && byte == 0x7F)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
