import Foundation

/// Everything the builder reads about one user, as of one moment: the rows of five tables.
///
/// This is the pinned snapshot file format (issue 5 §3) in memory. Rows carry the database's column
/// names and values; `SnapshotDecoder` reads the JSON form and `SnapshotEncoder` writes it back.
/// Sources (a snapshot file, PostgreSQL) produce one; the builder consumes it.
public struct Snapshot: Sendable, Hashable {
    /// The user whose data this is.
    public var userID: UUID
    /// The moment the snapshot describes, if it names one; `--now` overrides it, the clock replaces it.
    public var now: Date?
    public var userContext: [UserContextRow]
    public var deliverables: [DeliverableRow]
    public var platformConnections: [PlatformConnectionRow]
    public var chatSessions: [ChatSessionRow]
    public var activityLog: [ActivityLogRow]

    public init(
        userID: UUID, now: Date? = nil, userContext: [UserContextRow] = [], deliverables: [DeliverableRow] = [],
        platformConnections: [PlatformConnectionRow] = [], chatSessions: [ChatSessionRow] = [],
        activityLog: [ActivityLogRow] = []
    ) {
        self.userID = userID
        self.now = now
        self.userContext = userContext
        self.deliverables = deliverables
        self.platformConnections = platformConnections
        self.chatSessions = chatSessions
        self.activityLog = activityLog
    }
}

/// The tables a snapshot holds, named as in the database; also how a failed source is named.
public enum SnapshotTable: String, Sendable, Hashable, CaseIterable, Codable {
    case userContext = "user_context"
    case deliverables = "deliverables"
    case platformConnections = "platform_connections"
    case chatSessions = "chat_sessions"
    case activityLog = "activity_log"
}
