import Foundation
import SourceData

/// How long ago a platform last synced, in the prompt's coarse terms.
///
/// From the last sync to `now`: none -> never synced; under 1 hour (or in the future) -> fresh; under
/// 24 hours -> whole hours; under 7 days -> whole days; else stale with whole days; unparseable -> unknown.
public enum SyncFreshness: Sendable, Hashable {
    case neverSynced
    case fresh
    case hoursAgo(Int)
    case daysAgo(Int)
    case stale(days: Int)
    case unknown

    public init(lastSync: LastSync?, now: Date) {
        switch lastSync {
        case nil:
            self = .neverSynced
        case .unparseable?:
            self = .unknown
        case .at(let synced)?:
            let elapsed = now.timeIntervalSince(synced)
            if elapsed < 3_600 {
                self = .fresh
            } else if elapsed < 86_400 {
                self = .hoursAgo(Int((elapsed / 3_600).rounded(.down)))
            } else if elapsed < 7 * 86_400 {
                self = .daysAgo(Int((elapsed / 86_400).rounded(.down)))
            } else {
                let days = (elapsed / 86_400).rounded(.down)
                self = .stale(days: days < Double(Int.max) ? Int(days) : Int.max)
            }
        }
    }

    /// The first instant after `now` at which the freshness of `lastSync` changes; nil when it never does.
    ///
    /// The label's steps fall at whole hours (under a day) and whole days (after that) since the sync, so
    /// the next one is the end of the current step. A render that shows this freshness stays the same for
    /// every `now` before that instant (`WorkingMemoryBuild.validUntil`).
    public static func nextChange(lastSync: LastSync?, now: Date) -> Date? {
        guard case .at(let synced)? = lastSync else { return nil }
        let elapsed = now.timeIntervalSince(synced)
        if elapsed < 3_600 { return synced.addingTimeInterval(3_600) }
        if elapsed < 86_400 { return synced.addingTimeInterval(((elapsed / 3_600).rounded(.down) + 1) * 3_600) }
        return synced.addingTimeInterval(((elapsed / 86_400).rounded(.down) + 1) * 86_400)
    }

    /// The text the prompt shows; `.v1` keeps the earlier version's "1 hours ago" and "1 days ago".
    public func text(_ flavour: TemplateFlavour) -> String {
        switch self {
        case .neverSynced: "never synced"
        case .fresh: "fresh"
        case .hoursAgo(let hours): "\(hours) \(Self.unit("hour", hours, flavour)) ago"
        case .daysAgo(let days): "\(days) \(Self.unit("day", days, flavour)) ago"
        case .stale(let days): "stale (\(days) days)"
        case .unknown: "unknown"
        }
    }

    private static func unit(_ singular: String, _ count: Int, _ flavour: TemplateFlavour) -> String {
        count == 1 && flavour == .standard ? singular : singular + "s"
    }
}
