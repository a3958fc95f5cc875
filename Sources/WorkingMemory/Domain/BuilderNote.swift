import WireFormats
/// Something the builder decided that a reader of the report should know about.
public enum BuilderNote: Sendable, Hashable, CustomStringConvertible {
    /// The profile's `timezone` is not a known IANA zone, so times are shown in UTC.
    case invalidTimeZone(String)

    /// e.g. `invalid time zone "Mars/Base"; times in UTC`.
    public var description: String {
        switch self {
        case .invalidTimeZone(let name): "invalid time zone \(QuotedValue(name)); times in UTC"
        }
    }
}
