import Foundation

/// Parses and writes RFC 3339 timestamps (`2024-05-01T09:30:00.25+02:00`), exactly to the microsecond.
///
/// An offset (`Z` or `±HH:MM`) is required; the date/time separator may be `T`, `t` or a space;
/// fractional seconds beyond microseconds are rounded to the nearest microsecond. Written timestamps
/// are always in UTC with a `Z`, so the same instant always writes the same text.
public enum RFC3339 {
    /// The instant `text` names, or nil when it is not an RFC 3339 timestamp with an offset.
    public static func date(from text: String) -> Date? {
        var text = text
        return text.withUTF8 { date(from: $0) }
    }

    /// The instant the UTF-8 `bytes` name (see `date(from:)` for `String`). No allocation: this runs for
    /// every timestamp a snapshot or a database row holds.
    private static func date(from bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = Scanner(bytes)
        guard let year = scanner.digits(4), scanner.take("-"),
              let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2), scanner.take("T") || scanner.take("t") || scanner.take(" "),
              let hour = scanner.digits(2), scanner.take(":"),
              let minute = scanner.digits(2), scanner.take(":"),
              let second = scanner.digits(2)
        else { return nil }
        var micros: Int64 = 0
        if scanner.take(".") {
            guard let fraction = scanner.fraction() else { return nil }
            micros = fraction
        }
        let offsetSeconds: Int64
        if scanner.take("Z") || scanner.take("z") {
            offsetSeconds = 0
        } else if let sign = scanner.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            guard let offsetHours = scanner.digits(2), scanner.take(":"), let offsetMinutes = scanner.digits(2),
                  offsetHours <= 23, offsetMinutes <= 59 else { return nil }
            let magnitude = Int64(offsetHours * 3600 + offsetMinutes * 60)
            offsetSeconds = sign == UInt8(ascii: "+") ? magnitude : -magnitude
        } else {
            return nil
        }
        guard scanner.atEnd,
              let local = epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return date(epochSeconds: local - offsetSeconds, micros: micros)
    }

    /// Seconds since 1970-01-01T00:00:00 of a wall-clock time read as UTC; nil unless it is a real date and
    /// time of years 1 and later (no February 30, no hour 24, no leap second).
    public static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, fraction to the microsecond without trailing zeros.
    public static func string(from date: Date) -> String {
        let (seconds, micros) = epochParts(of: date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        guard (0...9999).contains(year) else {
            return paddedString(year: year, month: month, day: day, secondOfDay: secondOfDay, micros: micros)
        }
        // Written digit by digit: joining padded strings cost about 6,000 instructions a date.
        return String(unsafeUninitializedCapacity: 27) { out in
            var at = 0
            func put(_ number: Int64, digits: Int) {
                var rest = number
                for place in stride(from: at + digits - 1, through: at, by: -1) {
                    out[place] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                }
                at += digits
            }
            func put(_ byte: Character) {
                out[at] = byte.asciiValue!
                at += 1
            }
            put(year, digits: 4); put("-"); put(month, digits: 2); put("-"); put(day, digits: 2); put("T")
            put(secondOfDay / 3600, digits: 2); put(":"); put(secondOfDay / 60 % 60, digits: 2); put(":")
            put(secondOfDay % 60, digits: 2)
            if micros != 0 {
                put(".")
                var fraction = micros
                var digits = 6
                while fraction % 10 == 0 {
                    fraction /= 10
                    digits -= 1
                }
                put(fraction, digits: digits)
            }
            put("Z")
            return at
        }
    }

    /// `string(from:)` for years outside 0...9999 (more digits, or a sign).
    private static func paddedString(year: Int64, month: Int64, day: Int64, secondOfDay: Int64, micros: Int64) -> String {
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if micros != 0 {
            var fraction = pad(micros, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// The instant `epochSeconds` + `micros` microseconds after 1970-01-01T00:00:00Z.
    ///
    /// Every timestamp the snapshot holds is built here, so parsing what `string(from:)` wrote gives
    /// back an equal `Date`.
    public static func date(epochSeconds: Int64, micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(epochSeconds) + Double(micros) / 1_000_000)
    }

    /// Whole seconds since the epoch (floored) and the microseconds after them, rounded.
    package static func epochParts(of date: Date) -> (seconds: Int64, micros: Int64) {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var micros = Int64(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros == 1_000_000 { seconds += 1; micros = 0 }
        return (seconds, micros)
    }

    private static func pad<Number: BinaryInteger>(_ number: Number, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the well-known era-based computation).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date (year, month, day) of a day count since 1970-01-01.
    package static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        /// Consumes `character` (ASCII) when it comes next.
        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(truncatingIfNeeded: character.value) else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }

        /// One or more fraction digits as microseconds, rounded half up on the seventh digit.
        mutating func fraction() -> Int64? {
            var micros: Int64 = 0
            var count = 0
            var roundUp = false
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                let digit = Int64(bytes[position] - 0x30)
                if count < 6 { micros = micros * 10 + digit } else if count == 6 { roundUp = digit >= 5 }
                count += 1
                position += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 6)..<6 { micros *= 10 }
            return roundUp ? micros + 1 : micros
        }
    }
}
