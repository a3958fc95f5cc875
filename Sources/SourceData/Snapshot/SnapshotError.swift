import WireFormats
/// A snapshot that cannot be read: what is wrong, and where in the JSON.
///
/// The description is one line a user can act on, e.g.
/// `$.deliverables[2].updated_at: malformed timestamp "2024-13-01"; expected RFC 3339 with an offset, e.g. 2024-05-01T09:30:00Z`.
public struct SnapshotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is; `$` for the document as a whole.
    public let path: JSONPath
    /// What the problem is.
    public let problem: Problem

    public init(at path: JSONPath, _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The kinds of problem a snapshot can have.
    public enum Problem: Sendable, Hashable {
        /// The text is not JSON at all; the parser's explanation.
        case invalidJSON(String)
        /// A top-level key the format does not define.
        case unknownKey
        /// A required member is absent.
        case missing
        /// A value of the wrong JSON type.
        case wrongType(expected: String, found: String)
        /// A string that is not a UUID.
        case malformedUUID(String)
        /// A string that is not an RFC 3339 timestamp with an offset.
        case malformedTimestamp(String)
        /// A value that must be unique in its table appears twice; the path of its first use.
        case duplicate(String, firstAt: String)
        /// A row's `user_id` differs from the snapshot's.
        case otherUser(String)
        /// A number outside the column's range.
        case outOfRange(String)
    }

    public var description: String {
        let detail: String
        switch problem {
        case .invalidJSON(let reason):
            detail = "not valid JSON: \(reason)"
        case .unknownKey:
            detail = "unknown key; a snapshot has user_id, now, user_context, deliverables, platform_connections, chat_sessions, activity_log"
        case .missing:
            detail = "required value missing"
        case .wrongType(let expected, let found):
            detail = "expected \(expected), found \(found)"
        case .malformedUUID(let value):
            detail = "malformed UUID \(QuotedValue(value))"
        case .malformedTimestamp(let value):
            detail = "malformed timestamp \(QuotedValue(value)); expected RFC 3339 with an offset, e.g. 2024-05-01T09:30:00Z"
        case .duplicate(let value, let firstAt):
            detail = "duplicate \(QuotedValue(value)), first at \(firstAt)"
        case .otherUser(let value):
            detail = "row belongs to user \(QuotedValue(value)), not to the snapshot's user_id"
        case .outOfRange(let reason):
            detail = "out of range: \(reason)"
        }
        return "\(path): \(detail)"
    }
}
