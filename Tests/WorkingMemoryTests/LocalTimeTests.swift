import Foundation
import Testing
@testable import WorkingMemory

@Suite struct LocalTimeTests {
    /// The arithmetic agrees with Foundation's Gregorian calendar, including across DST changes and negative offsets.
    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns"])
    func agreesWithCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = -11_676_096_000.0  // 1600-01-01
        let end = 13_569_465_600.0  // 2400-01-01
        for index in 0..<5_000 {
            // Mostly random instants, plus whole and fractional seconds around midnight and the epoch.
            let date: Date
            switch index % 4 {
            case 0: date = Date(timeIntervalSince1970: -0.5 + Double(index) * 0.001)
            case 1: date = Date(timeIntervalSince1970: Double(Self.scrambled(index) % 40_000) * 86_400 - 1)
            default: date = Date(timeIntervalSince1970: start + Double(Self.scrambled(index) % UInt64(end - start)) + 0.25)
            }
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = LocalTime(year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!)
            #expect(LocalTime(date, in: zone) == expected, "\(zoneName) \(date.timeIntervalSince1970)")
        }
    }

    /// A fixed, well-spread sequence (multiplicative hashing of the index): the same instants every run.
    private static func scrambled(_ index: Int) -> UInt64 {
        (UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15) >> 11
    }
}
