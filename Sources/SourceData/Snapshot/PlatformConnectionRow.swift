import Foundation
import WireFormats

/// A row of `platform_connections`: one connected platform (Slack, Gmail, …) and when it last synced.
public struct PlatformConnectionRow: Sendable, Hashable {
    public var id: UUID?
    public var platform: String
    /// The stored status; the database default is `active`.
    public var status: String?
    /// When the platform last synced; nil when it never did.
    public var lastSyncedAt: LastSync?
    public var settings: JSONValue?

    public init(id: UUID? = nil, platform: String, status: String? = "active", lastSyncedAt: LastSync? = nil,
                settings: JSONValue? = nil) {
        self.id = id
        self.platform = platform
        self.status = status
        self.lastSyncedAt = lastSyncedAt
        self.settings = settings
    }
}

/// A `last_synced_at` value: an instant, or text that is not a timestamp.
///
/// This column alone is read leniently: the earlier version rendered an unparseable sync time as
/// `unknown` instead of failing, and a snapshot can reproduce that case. A database source always
/// yields `.at`.
public enum LastSync: Sendable, Hashable {
    case at(Date)
    case unparseable(String)
}
