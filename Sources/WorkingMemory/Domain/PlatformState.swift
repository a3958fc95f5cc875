import Foundation
import SourceData

/// A connected platform as the prompt lists it: its name and its freshness or raw status.
public struct PlatformState: Sendable, Hashable {
    public var platform: String
    /// The freshness text when the status shows freshness, else the raw status (`unknown` when null).
    public var state: String
    /// When `state` next changes as time passes (a freshness step), or nil when it does not.
    public var changesAt: Date?
    /// True when `state` is the sync freshness computed from `last_synced_at`, false when it is the raw status.
    public var showsFreshness = false

    /// The platforms by name (code points), at most `settings.maxPlatforms`; the rest counted as excluded.
    ///
    /// Which statuses show freshness: `.standard` shows it for `connected` and for `active`, the status the
    /// product actually stores (the earlier version checked only `connected`, so every stored platform
    /// showed its raw status `active` — a defect fixed here); `.v1` keeps the earlier behaviour.
    public static func select(from rows: [PlatformConnectionRow], now: Date, settings: BuilderSettings,
                              flavour: TemplateFlavour) -> LimitedSelection<PlatformState> {
        let freshStatuses: Set<String> = flavour == .standard ? ["connected", "active"] : ["connected"]
        let ordered = rows.sorted { TextOrder.precedes($0.platform, $1.platform) }.map { row in
            guard let status = row.status, freshStatuses.contains(status) else {
                return PlatformState(platform: row.platform, state: row.status ?? "unknown")
            }
            return PlatformState(
                platform: row.platform, state: SyncFreshness(lastSync: row.lastSyncedAt, now: now).text(flavour),
                changesAt: SyncFreshness.nextChange(lastSync: row.lastSyncedAt, now: now), showsFreshness: true)
        }
        return .first(settings.maxPlatforms, of: ordered)
    }
}
