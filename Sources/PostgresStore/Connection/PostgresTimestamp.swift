import Foundation
import WireFormats

/// Parses `timestamptz` text as the store's sessions print it (DateStyle ISO, TimeZone UTC).
///
/// Dates are sent as RFC 3339 (`RFC3339.string(from:)`), which PostgreSQL reads as it is. Parsed instants
/// are built by `RFC3339.date(epochSeconds:micros:)`, exactly as the snapshot file's are, so the same
/// instant read from the database or from a snapshot file is the same `Date`.
enum PostgresTimestamp {
    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]+HH[:MM[:SS]]` as the server prints `timestamptz` with DateStyle ISO.
    ///
    /// Nil for anything else (`infinity`, BC dates, years past 9999, a day the month lacks), which a caller
    /// reports as a bad value.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// `parse(_:)` of the text's UTF-8 bytes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                guard digits < 6 else { return nil }  // the server prints at most microseconds
                micros = micros * 10 + Int64(bytes[index] - 48)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<6 { micros *= 10 }
        }
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = number(index + 1, 2) else { return nil }
            index += 3
            var rest = 0
            var scale = 60
            while index < bytes.count, bytes[index] == UInt8(ascii: ":"), scale >= 1, let part = number(index + 1, 2) {
                rest += part * scale
                scale /= 60
                index += 3
            }
            offsetSeconds = sign * (hours * 3600 + rest)
        }
        guard index == bytes.count else { return nil }
        guard let local = RFC3339.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return RFC3339.date(epochSeconds: local - Int64(offsetSeconds), micros: micros)
    }
}
