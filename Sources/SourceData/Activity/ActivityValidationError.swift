/// Why an activity event was refused before anything was sent to the database.
public enum ActivityValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownEventType(String)
    case emptySummary
    case summaryTooLong(characters: Int)
    case summaryContainsNUL
    case invalidUUID(field: String, value: String)
    case metadataNotAnObject
    case metadataNotJSON(reason: String)
    case metadataTooLarge(bytes: Int)
    /// A metadata string or member name holds U+0000, which PostgreSQL's `jsonb` cannot store; `path` is
    /// where, from the event (`$.metadata.note`).
    case metadataContainsNUL(path: String)
    /// The JSON form of an event is not an object.
    case eventNotAnObject
    /// A required member of the JSON form is missing.
    case missingField(String)
    /// A member of the JSON form has the wrong JSON type.
    case wrongFieldType(field: String, expected: String)
    /// The JSON form has a member no event has (refused so that a misspelt field is not silently dropped).
    case unknownField(String)

    public var description: String {
        switch self {
        case .unknownEventType(let name):
            let known = ActivityEventType.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown event type \"\(name)\"; known types: \(known)"
        case .emptySummary:
            return "summary is empty"
        case .summaryTooLong(let characters):
            return "summary is \(characters) characters long; at most \(NewActivityEvent.maximumSummaryLength) are allowed"
        case .summaryContainsNUL:
            return "summary contains a NUL character; send text, not binary data"
        case .invalidUUID(let field, let value):
            return "\(field) \"\(value.prefix(64))\" is not a UUID"
        case .metadataNotAnObject:
            return "metadata must be a JSON object"
        case .metadataNotJSON(let reason):
            return "metadata is not valid JSON: \(reason)"
        case .metadataTooLarge(let bytes):
            return "metadata is \(bytes) bytes of JSON; at most \(NewActivityEvent.maximumMetadataBytes) are allowed"
        case .metadataContainsNUL(let path):
            return "\(path) holds a NUL character (U+0000), which the activity log cannot store; remove it"
        case .eventNotAnObject:
            return "an event must be a JSON object"
        case .missingField(let field):
            return "\(field) is missing"
        case .wrongFieldType(let field, let expected):
            return "\(field) must be \(expected)"
        case .unknownField(let field):
            let known = NewActivityEvent.jsonFields.sorted().joined(separator: ", ")
            return "unknown field \"\(field.prefix(64))\"; known fields: \(known)"
        }
    }
}
