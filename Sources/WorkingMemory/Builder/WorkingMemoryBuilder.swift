import Foundation
import PromptCompiler
import SourceData
import WireFormats

/// Turns a user's snapshot into the compiler's input: the domain rules, then the sections contract.
///
/// Pure: the same snapshot, `now`, settings and flavour always give the same `PromptInput`, byte for
/// byte; `now` is never read from a clock here. Section ids, item keys and field names follow
/// docs/BUILDER.md ("Sections the builder hands the compiler"); every field value is already formatted text (times in the display zone,
/// freshness relative to `now`). All seven sections are always present, empty when there is nothing.
public struct WorkingMemoryBuilder: Sendable {
    public var settings: BuilderSettings
    public var flavour: TemplateFlavour

    public init(flavour: TemplateFlavour, settings: BuilderSettings = .reference) {
        self.flavour = flavour
        self.settings = settings
    }

    /// The compiler input for `snapshot` as of `now`, the source of every item, and notes for the report.
    public func build(_ snapshot: Snapshot, now: Date) -> WorkingMemoryBuild {
        let profile = Profile(snapshot.userContext)
        let (time, zoneNote) = DisplayTime.resolve(profileZone: profile.timezone, flavour: flavour)
        let entries = ContextEntry.entries(in: snapshot.userContext, flavour: flavour)
        let platforms = PlatformState.select(from: snapshot.platformConnections, now: now, settings: settings, flavour: flavour)
        let context = ContextRows(snapshot.userContext)
        let styles = PlatformStyle.styles(in: snapshot.userContext)
        let told = toldEntries(entries)
        let deliverables = ActiveDeliverable.select(from: snapshot.deliverables, settings: settings)
        let conversations = RecentConversation.select(from: snapshot.chatSessions, now: now, settings: settings, flavour: flavour)
        let activity = RecentActivity.select(from: snapshot.activityLog, now: now, settings: settings)
        let profileLines = profileItems(profile, context)
        let sections: [SectionID: (PromptSection, [ItemSource])] = [
            .profile: (PromptSection(items: profileLines.map(\.item)), profileLines.map(\.source)),
            .preferences: Self.preferences(styles, entries, context),
            .told: (PromptSection(items: told.map(Self.entryItem)), told.map { context.source(of: $0) }),
            .deliverables: Self.deliverables(deliverables),
            .platforms: Self.platforms(platforms, snapshot.platformConnections, now: now),
            .conversations: Self.conversations(conversations, time, settings: settings),
            .activity: Self.activity(activity, time),
        ]
        return WorkingMemoryBuild(
            input: PromptInput(sections: Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value.0) })),
            notes: zoneNote.map { [$0] } ?? [],
            timeZone: time.zoneName,
            validUntil: Self.wholeMicroseconds([
                platforms.items.compactMap(\.changesAt).min(),
                RecentConversation.windowExit(of: snapshot.chatSessions, now: now, settings: settings),
                RecentActivity.windowExit(of: snapshot.activityLog, now: now, settings: settings),
            ].compactMap { $0 }.min()),
            provenance: BuildProvenance(
                sources: Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value.1) }),
                limits: Self.limits(settings)))
    }

    /// `instant` rounded down to whole microseconds, so that its RFC 3339 text is never later than it.
    private static func wholeMicroseconds(_ instant: Date?) -> Date? {
        instant.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000) }
    }

    /// The section ids of the contract.
    public enum SectionID: String, Sendable, CaseIterable {
        case profile, preferences, told, deliverables, platforms, conversations, activity
    }

    /// The standard template shows role and company even without a name ("Role: Engineer at Acme"); v1, like
    /// the earlier version, prints the name line only when a name exists.
    private func profileItems(_ profile: Profile, _ context: ContextRows) -> [(item: PromptItem, source: ItemSource)] {
        var items: [(item: PromptItem, source: ItemSource)] = []
        let showsNameLine = profile.name != nil || (flavour == .standard && (profile.role != nil || profile.company != nil))
        if showsNameLine {
            items.append((PromptItem(key: "profile:name", fields: Fields(["kind": "name"]).adding("name", profile.name)
                .adding("role", profile.role).adding("company", profile.company).values),
                          context.source(ofKeys: ["name", "role", "company"])))
        }
        if let zone = profile.timezone {
            items.append((PromptItem(key: "context:timezone", fields: ["kind": "timezone", "timezone": zone]),
                          context.source(ofKeys: ["timezone"])))
        }
        if let summary = profile.summary {
            items.append((PromptItem(key: "context:summary", fields: ["kind": "summary", "summary": summary]),
                          context.source(ofKeys: ["summary"])))
        }
        // v1 printed "### About you" whenever any profile value was set, even when no line followed.
        if flavour == .v1, items.isEmpty, !profile.isEmpty {
            items.append((PromptItem(key: "profile:heading", fields: ["kind": "heading"]),
                          context.source(ofKeys: Profile.keys, computed: "the heading alone: a profile value is set but shows no line")))
        }
        return items
    }

    private static func preferences(_ styles: [PlatformStyle], _ entries: [ContextEntry], _ context: ContextRows) -> (PromptSection, [ItemSource]) {
        let preferences = entries.filter { $0.kind == .preference }
        let items = styles.map { style in
            PromptItem(key: "platform:" + style.platform, fields: Fields(["kind": "platform", "platform": style.platform])
                .adding("tone", style.tone).adding("verbosity", style.verbosity).values)
        } + preferences.map(entryItem)
        let sources = styles.map { context.source(ofKeys: ["tone_" + $0.platform, "verbosity_" + $0.platform]) }
            + preferences.map { context.source(of: $0) }
        return (PromptSection(items: items), sources)
    }

    /// v1 lists every entry, preferences included (again); the standard template instructions, then facts.
    private func toldEntries(_ entries: [ContextEntry]) -> [ContextEntry] {
        switch flavour {
        case .v1:
            return entries
        case .standard:
            return entries.filter { $0.kind == .instruction } + entries.filter { $0.kind == .fact }
        }
    }

    private static func entryItem(_ entry: ContextEntry) -> PromptItem {
        PromptItem(key: "context:" + entry.key, fields: ["kind": entry.kind.rawValue, "value": entry.value])
    }

    private static func deliverables(_ selection: LimitedSelection<ActiveDeliverable>) -> (PromptSection, [ItemSource]) {
        let section = PromptSection(items: selection.items.map { deliverable in
            PromptItem(key: "deliverable:" + deliverable.id.lowercasedString,
                       fields: ["title": deliverable.title, "frequency": deliverable.frequency,
                                "recipient": deliverable.recipient])
        }, excludedByLimit: selection.excludedByLimit)
        let sources = selection.items.map { deliverable in
            ItemSource(rows: [SourceRow(table: .deliverables, id: deliverable.id, columns: SourceColumns.deliverable)])
        }
        return (section, sources)
    }

    private static func platforms(_ selection: LimitedSelection<PlatformState>, _ rows: [PlatformConnectionRow],
                                  now: Date) -> (PromptSection, [ItemSource]) {
        let section = PromptSection(items: selection.items.map { platform in
            PromptItem(key: "platform:" + platform.platform, fields: ["platform": platform.platform, "state": platform.state])
        }, excludedByLimit: selection.excludedByLimit)
        let sources = selection.items.map { platform in
            let row = rows.first { $0.platform == platform.platform }
            let fresh = platform.showsFreshness
            return ItemSource(
                rows: [SourceRow(table: .platformConnections, id: row?.id, key: platform.platform,
                                 columns: fresh ? SourceColumns.platformFreshness : SourceColumns.platformStatus)],
                computed: fresh ? "sync freshness: last_synced_at relative to now (" + RFC3339.string(from: now) + ")" : nil)
        }
        return (section, sources)
    }

    /// A summary whose cut ends after a space keeps that space in v1 as the `trailing_space` field: values are
    /// trimmed when interpolated, so the v1 template writes the space itself (`{{#trailing_space}}`).
    private static func conversations(_ selection: LimitedSelection<RecentConversation>, _ time: DisplayTime,
                                      settings: BuilderSettings) -> (PromptSection, [ItemSource]) {
        let section = PromptSection(items: selection.items.map { conversation in
            PromptItem(key: "session:" + conversation.id.lowercasedString,
                       fields: Fields(["date": time.day(conversation.createdAt), "summary": conversation.summary])
                           .adding("trailing_space", conversation.cutAfterSpace ? "yes" : nil).values)
        }, excludedByLimit: selection.excludedByLimit)
        let sources = selection.items.map { conversation in
            ItemSource(rows: [SourceRow(table: .chatSessions, id: conversation.id, columns: SourceColumns.conversation)],
                       computed: "created_at as a date in " + time.zoneName + "; summary at most "
                           + String(settings.conversationSummaryLength) + " characters")
        }
        return (section, sources)
    }

    private static func activity(_ selection: LimitedSelection<RecentActivity>, _ time: DisplayTime) -> (PromptSection, [ItemSource]) {
        let section = PromptSection(items: selection.items.map { event in
            PromptItem(key: "activity:" + event.id.lowercasedString,
                       fields: ["time": time.minute(event.createdAt), "summary": event.summary])
        }, excludedByLimit: selection.excludedByLimit)
        let sources = selection.items.map { event in
            ItemSource(rows: [SourceRow(table: .activityLog, id: event.id, columns: SourceColumns.activity)],
                       computed: "created_at to the minute in " + time.zoneName)
        }
        return (section, sources)
    }

    /// What each section's limits leave out before compiling: what its omission note counts besides the
    /// compiler's own omissions.
    private static func limits(_ settings: BuilderSettings) -> [String: String] {
        func days(_ seconds: Double) -> String { String(Int(seconds / 86_400)) + " days" }
        return [
            SectionID.deliverables.rawValue: "active deliverables rows beyond the \(settings.maxDeliverables) most recently updated",
            SectionID.platforms.rawValue: "platform_connections rows beyond the first \(settings.maxPlatforms) by name",
            SectionID.conversations.rawValue: "summarised chat_sessions rows older than \(days(settings.conversationLookback)) "
                + "or beyond the \(settings.maxConversations) newest",
            SectionID.activity.rawValue: "activity_log rows older than \(days(settings.activityLookback)) "
                + "or beyond the \(settings.maxActivity) newest",
        ]
    }
}

/// The columns each kind of item shows (constants, so that a build allocates no column lists).
private enum SourceColumns {
    static let value = ["value"]
    static let deliverable = ["title", "schedule.frequency", "recipient_context.name"]
    static let platformFreshness = ["platform", "status", "last_synced_at"]
    static let platformStatus = ["platform", "status"]
    static let conversation = ["created_at", "summary"]
    static let activity = ["created_at", "summary"]
}

/// The `user_context` rows by key, to name the rows an item shows.
struct ContextRows {
    private let byKey: [String: UserContextRow]

    init(_ rows: [UserContextRow]) {
        var byKey: [String: UserContextRow] = [:]
        for row in rows where !row.value.isEmpty { byKey[row.key] = row }
        self.byKey = byKey
    }

    /// The source of an item showing the `value` of the rows with `keys` that hold a value.
    func source(ofKeys keys: [String], computed: String? = nil) -> ItemSource {
        ItemSource(rows: keys.compactMap { key in
            byKey[key].map { SourceRow(table: .userContext, id: $0.id, key: key, columns: SourceColumns.value) }
        }, computed: computed)
    }

    func source(of entry: ContextEntry) -> ItemSource {
        source(ofKeys: [entry.key])
    }
}

/// Item fields under construction: optional values are left out, so a template sees them as absent.
private struct Fields {
    var values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    func adding(_ name: String, _ value: String?) -> Fields {
        guard let value else { return self }
        var copy = self
        copy.values[name] = value
        return copy
    }
}
