extension Array where Element == NewActivityEvent {
    /// The events as one compact JSON array of row objects with the `activity_log` column names
    /// (`id`, `user_id`, `event_type`, `event_ref`, `summary`, `metadata`, `created_at`; absent values left out).
    ///
    /// Written directly, with each event's metadata text reused as it was validated: a batch of thousands of
    /// events is serialised without building intermediate JSON values.
    public var rowsJSON: String {
        var writer = JSONWriter(compact: true)
        writer.text.reserveCapacity(count * 200)
        writer.text += "["
        for (index, event) in enumerated() {
            if index > 0 { writer.text += "," }
            writer.text += #"{"id":""# + event.id.lowercasedString
            writer.text += #"","user_id":""# + event.userID.lowercasedString
            writer.text += #"","event_type":""# + event.type.rawValue + #"","summary":"#
            writer.writeString(event.summary)
            if let ref = event.ref { writer.text += #","event_ref":""# + ref.lowercasedString + "\"" }
            if let metadata = event.metadataJSON { writer.text += #","metadata":"# + metadata }
            if let createdAt = event.createdAt { writer.text += #","created_at":""# + RFC3339.string(from: createdAt) + "\"" }
            writer.text += "}"
        }
        writer.text += "]"
        return writer.text
    }
}
