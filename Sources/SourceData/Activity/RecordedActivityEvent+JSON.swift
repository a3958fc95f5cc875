import Foundation
import WireFormats

extension RecordedActivityEvent {
    /// The event as a JSON object with the database's column names (`wm activity recent`, `wm serve`).
    ///
    /// `created_at` is RFC 3339 in UTC with milliseconds and `Z`; `event_ref` and `metadata` are null when absent.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id.lowercasedString),
            "user_id": .string(userID.lowercasedString),
            "event_type": .string(type.rawValue),
            "summary": .string(summary),
            "created_at": .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(createdAt)),
        ]
        object["event_ref"] = ref.map { .string($0.lowercasedString) } ?? .null
        object["metadata"] = metadata.map(JSONValue.object) ?? .null
        return .object(object)
    }
}
