import Foundation
import WireFormats

/// A row of `activity_log`: one thing that happened for the user (a run, a sync, a memory write).
///
/// `event_type` is kept as text: a snapshot reproduces what the table holds, even a type this build
/// does not know (see `ActivityEventType`).
public struct ActivityLogRow: Sendable, Hashable {
    public var id: UUID
    public var eventType: String?
    public var eventRef: UUID?
    public var summary: String
    public var metadata: JSONValue?
    public var createdAt: Date

    public init(id: UUID, eventType: String? = nil, eventRef: UUID? = nil, summary: String,
                metadata: JSONValue? = nil, createdAt: Date) {
        self.id = id
        self.eventType = eventType
        self.eventRef = eventRef
        self.summary = summary
        self.metadata = metadata
        self.createdAt = createdAt
    }
}
