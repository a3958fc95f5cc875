import Foundation

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
        let local = LocalTime(date, in: timeZone)
        return Self.pad(local.year, 4) + "-" + Self.pad(local.month, 2) + "-" + Self.pad(local.day, 2)
    }

    /// `YYYY-MM-DD HH:MM` (24-hour clock).
    public func minute(_ date: Date) -> String {
        let local = LocalTime(date, in: timeZone)
        return Self.pad(local.year, 4) + "-" + Self.pad(local.month, 2) + "-" + Self.pad(local.day, 2)
            + " " + Self.pad(local.hour, 2) + ":" + Self.pad(local.minute, 2)
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
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
