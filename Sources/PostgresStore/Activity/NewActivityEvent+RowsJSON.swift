import SourceData
import WireFormats

extension Array where Element == NewActivityEvent {
    /// The events as one compact JSON array of row objects with the `activity_log` column names
    /// (`id`, `user_id`, `event_type`, `event_ref`, `summary`, `metadata`, `created_at`; absent values left out),
    /// for `ActivityLogStore`'s insert, which expands it with `jsonb_to_recordset`.
    ///
    /// Written directly, with each event's metadata text reused as it was validated: a batch of thousands of
    /// events is serialised without building intermediate JSON values.
    package var rowsJSON: String {
        var writer = JSONWriter(style: .compact, reservingCapacity: count * 200)
        writer.array(self) { writer, event in
            writer.object { writer in
                writer.member("id", event.id.lowercasedString)
                writer.member("user_id", event.userID.lowercasedString)
                writer.member("event_type", event.type.rawValue)
                writer.member("summary", event.summary)
                if let ref = event.ref { writer.member("event_ref", ref.lowercasedString) }
                if let metadata = event.metadataJSON {
                    writer.key("metadata")
                    writer.rawValue(metadata)
                }
                if let createdAt = event.createdAt { writer.member("created_at", RFC3339.string(from: createdAt)) }
            }
        }
        return writer.text
    }
}
