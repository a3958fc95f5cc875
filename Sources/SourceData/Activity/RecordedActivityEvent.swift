import Foundation
import WireFormats

/// An activity event as read back from the log.
public struct RecordedActivityEvent: Sendable, Hashable {
    public let id: UUID
    public let userID: UUID
    public let type: ActivityEventType
    public let ref: UUID?
    public let summary: String
    public let metadata: [String: JSONValue]?
    public let createdAt: Date

    public init(
        id: UUID, userID: UUID, type: ActivityEventType, ref: UUID?, summary: String,
        metadata: [String: JSONValue]?, createdAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.type = type
        self.ref = ref
        self.summary = summary
        self.metadata = metadata
        self.createdAt = createdAt
    }
}
