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
        var generator = SplitMix(seed: 42)
        let start = -11_676_096_000.0  // 1600-01-01
        let end = 13_569_465_600.0  // 2400-01-01
        for index in 0..<5_000 {
            // Mostly random instants, plus whole and fractional seconds around midnight and the epoch.
            let date: Date
            switch index % 4 {
            case 0: date = Date(timeIntervalSince1970: -0.5 + Double(index) * 0.001)
            case 1: date = Date(timeIntervalSince1970: (Double(generator.next() % 40_000) * 86_400 - 1))
            default: date = Date(timeIntervalSince1970: start + Double(generator.next() % UInt64(end - start)) + 0.25)
            }
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = LocalTime(year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!)
            #expect(LocalTime(date, in: zone) == expected, "\(zoneName) \(date.timeIntervalSince1970)")
        }
    }

    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
