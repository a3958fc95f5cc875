import Foundation

/// A row of `chat_sessions`: one past conversation, with a summary once one was written.
public struct ChatSessionRow: Sendable, Hashable {
    public var id: UUID
    public var createdAt: Date
    public var summary: String?

    public init(id: UUID, createdAt: Date, summary: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.summary = summary
    }
}
