import SourceData
/// The user's profile: the `name`, `role`, `company`, `timezone` and `summary` keys of `user_context`.
///
/// An empty value counts as unset, as it did in the earlier version.
public struct Profile: Sendable, Hashable {
    public var name: String?
    public var role: String?
    public var company: String?
    public var timezone: String?
    public var summary: String?

    public init(name: String? = nil, role: String? = nil, company: String? = nil, timezone: String? = nil,
                summary: String? = nil) {
        self.name = name
        self.role = role
        self.company = company
        self.timezone = timezone
        self.summary = summary
    }

    /// The `user_context` keys the profile reads.
    static let keys = ["name", "role", "company", "timezone", "summary"]

    /// The profile the rows state; rows with other keys are ignored.
    public init(_ rows: [UserContextRow]) {
        self.init()
        for row in rows where !row.value.isEmpty {
            switch row.key {
            case "name": name = row.value
            case "role": role = row.value
            case "company": company = row.value
            case "timezone": timezone = row.value
            case "summary": summary = row.value
            default: continue
            }
        }
    }

    /// True when no profile value is set.
    public var isEmpty: Bool { name == nil && role == nil && company == nil && timezone == nil && summary == nil }
}
