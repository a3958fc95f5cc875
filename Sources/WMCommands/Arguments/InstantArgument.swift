import ArgumentParser
import Foundation
import WireFormats

/// An instant given in RFC 3339 with an offset, e.g. `2026-11-26T09:30:00Z` or `2026-11-26T10:30:00.5+01:00`.
///
/// Parsed as the snapshot file's timestamps are (`RFC3339`), so `--now` means the same in every command.
package struct InstantArgument: ExpressibleByArgument, Sendable {
    package let date: Date

    package init?(argument: String) {
        guard let date = RFC3339.date(from: argument) else { return nil }
        self.date = date
    }
}
