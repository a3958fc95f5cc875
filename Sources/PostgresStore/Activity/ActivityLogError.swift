import Foundation
import SourceData
import WireFormats

/// Why an activity-log operation failed.
public enum ActivityLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event was refused before anything was sent.
    case invalid(ActivityValidationError)
    /// The event names a user that does not exist in `auth.users`.
    case noSuchUser(UUID)
    /// The database refused a value the caller gave (SQLSTATE class 22, data exception), e.g. an instant
    /// outside `timestamptz`'s range. Validation refuses the known cases first; this is the backstop, so a
    /// caller's bad value is never reported as a database failure.
    case refusedValue(PostgresError)
    /// The database failed or could not be reached.
    case database(PostgresError)

    public var description: String {
        switch self {
        case .invalid(let reason): return "invalid activity event: \(reason)"
        case .noSuchUser(let user): return "no such user: \(user.lowercasedString)"
        case .refusedValue(let error): return "the database refused a value: \(error.message) (SQLSTATE \(error.sqlState ?? "22"))"
        case .database(let error): return "database error: \(error)"
        }
    }
}
