import ArgumentParser
import Foundation

/// A duration given as a number and a unit: `90d`, `12h`, `30m`, `45s`, `2w`.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let seconds: TimeInterval

    init?(argument: String) {
        guard let unit = argument.last, let amount = Int(argument.dropLast()), amount >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        default: return nil
        }
        seconds = Double(amount) * scale
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// A timestamp given in RFC 3339, e.g. `2026-11-26T09:30:00Z` or `2026-11-26T10:30:00.5+01:00`.
struct TimestampArgument: ExpressibleByArgument, Sendable {
    let date: Date

    init?(argument: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: argument) {
            self.date = date
            return
        }
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: argument) else { return nil }
        self.date = date
    }
}
