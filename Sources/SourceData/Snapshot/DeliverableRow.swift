import Foundation
import WireFormats

/// A row of `deliverables`: something the assistant produces for the user on a schedule.
///
/// The builder reads `schedule.frequency` and `recipient_context.name` only; other jsonb content is kept
/// so a snapshot written back is unchanged.
public struct DeliverableRow: Sendable, Hashable {
    public var id: UUID
    public var title: String
    /// `active`, `paused` or `archived`.
    public var status: String?
    public var schedule: JSONValue
    public var recipientContext: JSONValue?
    public var nextRunAt: Date?
    public var updatedAt: Date?

    public init(id: UUID, title: String, status: String? = "active", schedule: JSONValue = .object([:]),
                recipientContext: JSONValue? = nil, nextRunAt: Date? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.schedule = schedule
        self.recipientContext = recipientContext
        self.nextRunAt = nextRunAt
        self.updatedAt = updatedAt
    }
}
