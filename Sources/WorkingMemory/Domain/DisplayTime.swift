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
    private let calendar: Calendar

    public init(timeZone: TimeZone, named zoneName: String? = nil) {
        self.timeZone = timeZone
        self.zoneName = zoneName ?? timeZone.identifier
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
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
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.pad(parts.year ?? 0, 4) + "-" + Self.pad(parts.month ?? 0, 2) + "-" + Self.pad(parts.day ?? 0, 2)
    }

    /// `YYYY-MM-DD HH:MM` (24-hour clock).
    public func minute(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return day(date) + " " + Self.pad(parts.hour ?? 0, 2) + ":" + Self.pad(parts.minute ?? 0, 2)
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
