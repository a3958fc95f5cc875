import Foundation
import SourceData

/// A recent activity event as the prompt lists it.
public struct RecentActivity: Sendable, Hashable {
    public var id: UUID
    public var createdAt: Date
    public var summary: String

    /// Events within `settings.activityLookback` of `now` (inclusive), newest first (ties by id), at most
    /// `settings.maxActivity`; older events and those beyond the count are counted as excluded by a limit.
    public static func select(from rows: [ActivityLogRow], now: Date,
                              settings: BuilderSettings) -> LimitedSelection<RecentActivity> {
        let since = now.addingTimeInterval(-settings.activityLookback)
        let inside = rows.filter { $0.createdAt >= since }.sorted {
            $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : UUIDOrder.precedes($0.id, $1.id)
        }
        let listed = inside.map { RecentActivity(id: $0.id, createdAt: $0.createdAt, summary: $0.summary) }
        return .first(settings.maxActivity, of: listed, alreadyExcluded: rows.count - inside.count)
    }

    /// The instant the oldest event inside the lookback of `now` leaves it (shown or counted, it changes the
    /// block then); nil when no event is inside.
    public static func windowExit(of rows: [ActivityLogRow], now: Date, settings: BuilderSettings) -> Date? {
        let since = now.addingTimeInterval(-settings.activityLookback)
        return rows.lazy.map(\.createdAt).filter { $0 >= since }.min()?.addingTimeInterval(settings.activityLookback)
    }
}
