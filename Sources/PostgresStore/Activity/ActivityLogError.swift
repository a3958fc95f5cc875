import Foundation
import SourceData
import WireFormats

/// Why an activity-log operation failed.
public enum ActivityLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event was refused before anything was sent.
    case invalid(ActivityValidationError)
    /// The event names a user that does not exist in `auth.users`.
    case noSuchUser(UUID)
    /// The database failed or could not be reached.
    case database(PostgresError)

    public var description: String {
        switch self {
        case .invalid(let reason): return "invalid activity event: \(reason)"
        case .noSuchUser(let user): return "no such user: \(user.lowercasedString)"
        case .database(let error): return "database error: \(error)"
        }
    }
}
