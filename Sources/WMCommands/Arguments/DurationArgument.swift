import ArgumentParser
import Foundation

/// A duration given as a whole number and a unit: `90d`, `12h`, `30m`, `45s`, `2w`.
package struct DurationArgument: ExpressibleByArgument, Sendable {
    package let seconds: TimeInterval

    package init?(argument: String) {
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

    package static var defaultCompletionKind: CompletionKind { .default }
}
