import Foundation
import SourceData
import WireFormats
@testable import WorkingMemory

/// Small helpers for building rows in tests.
enum Fixture {
    static let user = UUID(uuidString: "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d")!
    /// 2024-05-01T12:00:00Z.
    static let now = RFC3339.date(epochSeconds: 1_714_564_800, micros: 0)

    /// A UUID whose last group is `n`, e.g. `00000000-0000-4000-8000-000000000007`.
    static func id(_ n: Int) -> UUID {
        let digits = String(n)
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    /// `now` minus the given duration.
    static func ago(days: Double = 0, hours: Double = 0, minutes: Double = 0, seconds: Double = 0) -> Date {
        now.addingTimeInterval(-(days * 86_400 + hours * 3_600 + minutes * 60 + seconds))
    }

    static func context(_ pairs: [(String, String)]) -> [UserContextRow] {
        pairs.map { UserContextRow(key: $0.0, value: $0.1) }
    }
}
