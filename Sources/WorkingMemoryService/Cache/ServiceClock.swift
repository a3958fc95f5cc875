import Foundation

/// Where the service reads `now` for a request that names none: the system clock, or a test's.
public struct ServiceClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The system's clock.
    public static let system = ServiceClock { Date() }
}
