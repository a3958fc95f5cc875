import Foundation
import Testing
@testable import WireFormats

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0), Int64(0)),
        ("2024-02-29T23:59:59.999999+00:00", 1_709_251_199, 999_999),
        ("2024-05-01T12:00:00+02:00", 1_714_557_600, 0),
        ("2024-05-01 10:00:00.25-00:30", 1_714_559_400, 250_000),
        ("2024-05-01t10:00:00z", 1_714_557_600, 0),
        ("1969-12-31T23:59:59.5Z", -1, 500_000),
        ("2024-05-01T10:00:00.0000004Z", 1_714_557_600, 0),
        ("2024-05-01T10:00:00.0000005Z", 1_714_557_600, 1),
        ("2024-05-01T10:00:00.12345649Z", 1_714_557_600, 123_456),
        ("2024-05-01T10:00:00.9999995Z", 1_714_557_601, 0),
        ("2024-05-01T10:00:00.5+23:59", 1_714_471_260, 500_000),
    ])
    func parses(text: String, seconds: Int64, micros: Int64) {
        #expect(RFC3339.date(from: text) == RFC3339.date(epochSeconds: seconds, micros: micros))
    }

    @Test(arguments: [
        "", "2024-05-01", "2024-05-01T10:00:00", "2024-05-01T10:00Z", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z", "2024-05-01T10:00:60Z", "2024-05-01T10:00:00.Z",
        "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00+24:00", "2024-05-01T10:00:00Z ", "0000-01-01T00:00:00Z",
        "２０２４-05-01T10:00:00Z",
    ])
    func rejects(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }

    @Test(arguments: [
        (Int64(0), Int64(0), "1970-01-01T00:00:00Z"),
        (1_714_557_600, 250_000, "2024-05-01T10:00:00.25Z"),
        (1_709_251_199, 999_999, "2024-02-29T23:59:59.999999Z"),
        (-1, 500_000, "1969-12-31T23:59:59.5Z"),
    ])
    func writesUTC(seconds: Int64, micros: Int64, expected: String) {
        #expect(RFC3339.string(from: RFC3339.date(epochSeconds: seconds, micros: micros)) == expected)
    }

    /// `epochSeconds` agrees with the C library's `timegm` on real dates, and refuses the dates `timegm` would
    /// silently move to the next month.
    @Test func epochSecondsAgreeWithTimegm() {
        var random = SeededNumbers(seed: 0x7E57)
        func next(_ range: ClosedRange<Int>) -> Int { Int(random.next(in: Int64(range.lowerBound)...Int64(range.upperBound))) }
        for _ in 0..<5_000 {
            let (year, month, day) = (next(1900...2200), next(1...12), next(1...28))
            let (hour, minute, second) = (next(0...23), next(0...59), next(0...59))
            var parts = tm()
            (parts.tm_year, parts.tm_mon, parts.tm_mday) = (Int32(year - 1900), Int32(month - 1), Int32(day))
            (parts.tm_hour, parts.tm_min, parts.tm_sec) = (Int32(hour), Int32(minute), Int32(second))
            #expect(RFC3339.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
                    == Int64(timegm(&parts)))
        }
        #expect(RFC3339.epochSeconds(year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0) != nil)
        for (year, month, day, hour) in [(2023, 2, 29, 0), (1900, 2, 29, 0), (2024, 4, 31, 0), (2024, 1, 1, 24), (0, 1, 1, 0)] {
            #expect(RFC3339.epochSeconds(year: year, month: month, day: day, hour: hour, minute: 0, second: 0) == nil)
        }
    }

    @Test func roundTripsEveryMicrosecondOfASecond() {
        for micros in stride(from: Int64(0), to: 1_000_000, by: 997) {
            let date = RFC3339.date(epochSeconds: 1_900_000_000, micros: micros)
            #expect(RFC3339.date(from: RFC3339.string(from: date)) == date)
        }
    }

    /// `string(from:)` agrees with the C library's `gmtime_r` and `strftime` on instants from year 1 to 9999.
    ///
    /// Fractions only from 1900 to 2100: far from 2001 a `Date` (a `Double`) does not hold microseconds.
    @Test func writesWhatGmtimeSays() {
        var random = SeededNumbers(seed: 0x5EED)
        func next(_ range: ClosedRange<Int64>) -> Int64 { random.next(in: range) }
        var years = Set<Int32>()
        for index in 0..<5_000 {
            // Every other instant falls on a whole second, anywhere from year 1 to 9999.
            let whole = index % 2 == 0
            let seconds = whole ? next(-62_135_596_800...253_402_300_799) : next(-2_208_988_800...4_102_444_799)
            let micros = whole ? 0 : next(0...999_999)
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            years.insert(parts.tm_year / 1000)
            var buffer = [CChar](repeating: 0, count: 64)
            let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
            var expected = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // glibc's %Y does not pad years before 1000.
            while expected.firstIndex(of: "-")!.utf16Offset(in: expected) < 4 { expected = "0" + expected }
            if micros != 0 {
                var fraction = String(micros)
                fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                expected += "." + fraction
            }
            #expect(RFC3339.string(from: RFC3339.date(epochSeconds: seconds, micros: micros)) == expected + "Z")
        }
        // The instants spread over the years 1 to 9999: tm_year (years since 1900) / 1000 took all ten values.
        #expect(years.count >= 10)
    }
}

/// A seeded linear congruential sequence, so that a failing case replays; 53 bits per number, enough for
/// any range of instants from year 1 to 9999.
private struct SeededNumbers {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(in range: ClosedRange<Int64>) -> Int64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return range.lowerBound + Int64((state >> 11) % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
