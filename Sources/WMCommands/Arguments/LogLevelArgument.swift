import ArgumentParser
import Logging

/// The level of messages a long-running command logs (`--log-level`), from most to least verbose.
package enum LogLevelArgument: String, CaseIterable, ExpressibleByArgument, Sendable {
    case trace, debug, info, notice, warning, error, critical

    /// The same level in swift-log's terms.
    package var level: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
