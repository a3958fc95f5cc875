import Foundation
import Testing
@testable import WorkingMemory

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

    @Test func roundTripsEveryMicrosecondOfASecond() {
        for micros in stride(from: Int64(0), to: 1_000_000, by: 997) {
            let date = RFC3339.date(epochSeconds: 1_900_000_000, micros: micros)
            #expect(RFC3339.date(from: RFC3339.string(from: date)) == date)
        }
    }
}
