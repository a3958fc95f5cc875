import Foundation
import WireFormats

/// Renders instants as the prompt shows them (`2024-05-01`, `2024-05-01 14:30`) in one time zone.
///
/// The zone is the profile's `timezone` when it names a known IANA zone (standard template), else UTC
/// with a `BuilderNote` saying why; the v1 template always uses UTC, as the earlier version did.
public struct DisplayTime: Sendable {
    /// The zone times are shown in.
    public let timeZone: TimeZone
    /// The zone's IANA name as the profile (or `UTC`) spelled it; Foundation may call UTC `GMT`.
    public let zoneName: String

    public init(timeZone: TimeZone, named zoneName: String? = nil) {
        self.timeZone = timeZone
        self.zoneName = zoneName ?? timeZone.identifier
    }

    /// Coordinated Universal Time.
    public static let utc = DisplayTime(timeZone: TimeZone(secondsFromGMT: 0)!, named: "UTC")

    /// The zone for a profile's `timezone` value under `flavour`, and a note when it cannot be used.
    public static func resolve(profileZone: String?, flavour: TemplateFlavour) -> (DisplayTime, BuilderNote?) {
        guard flavour == .standard, let name = profileZone, !name.isEmpty else { return (.utc, nil) }
        guard Self.knownIdentifiers.contains(name), let zone = TimeZone(identifier: name) else {
            return (.utc, .invalidTimeZone(name))
        }
        return (DisplayTime(timeZone: zone, named: name), nil)
    }

    /// IANA zone names this machine's time-zone database knows, plus `UTC`.
    private static let knownIdentifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// `YYYY-MM-DD`.
    public func day(_ date: Date) -> String {
        Self.format(LocalTime(date, in: timeZone), withMinute: false)
    }

    /// `YYYY-MM-DD HH:MM` (24-hour clock).
    public func minute(_ date: Date) -> String {
        Self.format(LocalTime(date, in: timeZone), withMinute: true)
    }

    /// The digits written straight into the string's storage: a builder formats one or two per item.
    /// Years outside 0...9999 (which a snapshot can name) keep all their digits and their sign.
    private static func format(_ local: LocalTime, withMinute: Bool) -> String {
        guard (0...9999).contains(local.year) else {
            let year = String(local.year)
            let rest = format(LocalTime(year: 0, month: local.month, day: local.day, hour: local.hour, minute: local.minute),
                              withMinute: withMinute)
            return year + rest.dropFirst(4)
        }
        let length = withMinute ? 16 : 10
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ number: Int, _ width: Int, at offset: Int) {
                var number = number
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(number % 10)
                    number /= 10
                }
            }
            put(local.year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(local.month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(local.day, 2, at: 8)
            if withMinute {
                buffer[10] = UInt8(ascii: " ")
                put(local.hour, 2, at: 11)
                buffer[13] = UInt8(ascii: ":")
                put(local.minute, 2, at: 14)
            }
            return length
        }
    }
}

/// The wall-clock fields of an instant in a zone, in the proleptic Gregorian calendar (ISO 8601).
///
/// Computed from the zone's offset at that instant and the days-from-civil arithmetic, instead of
/// `Calendar.dateComponents`, which took a large share of the builder's time. A test checks it against
/// `Calendar` (Gregorian) for instants from 1600 to 2400 in several zones. (Before 1582 Foundation's calendar
/// switches to the Julian one; the ISO form shown here does not.)
struct LocalTime: Equatable {
    let year: Int, month: Int, day: Int, hour: Int, minute: Int

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    init(_ date: Date, in zone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        let (year, month, day) = RFC3339.civilFromDays(Int64(days))
        (self.year, self.month, self.day) = (Int(year), Int(month), Int(day))
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
