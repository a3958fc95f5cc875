import Foundation
import WireFormats

extension NewActivityEvent {
    /// The members the JSON form of an event may have.
    public static let jsonFields: Set<String> = ["id", "user_id", "event_type", "summary", "event_ref", "metadata"]

    /// Validates an event given as a JSON object (the body of `POST /v1/activity`), with the same rules as
    /// the command line.
    ///
    /// Members: `user_id`, `event_type`, `summary` (strings, required); `event_ref` (UUID string),
    /// `metadata` (object) and `id` (a client-generated UUID: resending an event with the same id writes it
    /// once), each optional and may be null. Any other member is refused (`unknownField`), so a misspelt
    /// name is an error instead of silently lost data.
    /// - Throws: `ActivityValidationError`.
    public init(json: JSONValue) throws(ActivityValidationError) {
        guard case .object(let members) = json else { throw .eventNotAnObject }
        if let unknown = members.keys.filter({ !Self.jsonFields.contains($0) }).min() {
            throw .unknownField(unknown)
        }
        func string(_ field: String) throws(ActivityValidationError) -> String? {
            switch members[field] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case .some: throw .wrongFieldType(field: field, expected: "a string")
            }
        }
        func required(_ field: String) throws(ActivityValidationError) -> String {
            guard let text = try string(field) else { throw .missingField(field) }
            return text
        }
        let user = try Self.uuid(try required("user_id"), field: "user_id")
        let type = try Self.eventType(try required("event_type"))
        let summary = try required("summary")
        let ref = try string("event_ref").map { text throws(ActivityValidationError) in try Self.uuid(text, field: "event_ref") }
        let id = try string("id").map { text throws(ActivityValidationError) in try Self.uuid(text, field: "id") }
        var metadata: [String: JSONValue]?
        switch members["metadata"] {
        case nil, .null?: metadata = nil
        case .object(let object)?: metadata = object
        case .some: throw .metadataNotAnObject
        }
        try self.init(user: user, type: type, summary: summary, ref: ref, metadata: metadata, id: id ?? UUID())
    }
}
