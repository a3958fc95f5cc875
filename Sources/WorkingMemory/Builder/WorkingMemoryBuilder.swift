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

    /// The compiler input for `snapshot` as of `now`, and notes for the report.
    public func build(_ snapshot: Snapshot, now: Date) -> WorkingMemoryBuild {
        let profile = Profile(snapshot.userContext)
        let (time, zoneNote) = DisplayTime.resolve(profileZone: profile.timezone, flavour: flavour)
        let entries = ContextEntry.entries(in: snapshot.userContext, flavour: flavour)
        let platforms = PlatformState.select(from: snapshot.platformConnections, now: now, settings: settings, flavour: flavour)
        let sections: [SectionID: PromptSection] = [
            .profile: PromptSection(items: profileItems(profile)),
            .preferences: PromptSection(items: Self.preferenceItems(PlatformStyle.styles(in: snapshot.userContext), entries)),
            .told: PromptSection(items: toldItems(entries)),
            .deliverables: Self.deliverables(ActiveDeliverable.select(from: snapshot.deliverables, settings: settings)),
            .platforms: Self.platforms(platforms),
            .conversations: Self.conversations(RecentConversation.select(
                from: snapshot.chatSessions, now: now, settings: settings, flavour: flavour), time),
            .activity: Self.activity(RecentActivity.select(from: snapshot.activityLog, now: now, settings: settings), time),
        ]
        return WorkingMemoryBuild(
            input: PromptInput(sections: Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value) })),
            notes: zoneNote.map { [$0] } ?? [],
            timeZone: time.zoneName,
            validUntil: Self.wholeMicroseconds([
                platforms.items.compactMap(\.changesAt).min(),
                RecentConversation.windowExit(of: snapshot.chatSessions, now: now, settings: settings),
                RecentActivity.windowExit(of: snapshot.activityLog, now: now, settings: settings),
            ].compactMap { $0 }.min()))
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
    private func profileItems(_ profile: Profile) -> [PromptItem] {
        var items: [PromptItem] = []
        let showsNameLine = profile.name != nil || (flavour == .standard && (profile.role != nil || profile.company != nil))
        if showsNameLine {
            items.append(PromptItem(key: "profile:name", fields: Fields(["kind": "name"]).adding("name", profile.name)
                .adding("role", profile.role).adding("company", profile.company).values))
        }
        if let zone = profile.timezone {
            items.append(PromptItem(key: "context:timezone", fields: ["kind": "timezone", "timezone": zone]))
        }
        if let summary = profile.summary {
            items.append(PromptItem(key: "context:summary", fields: ["kind": "summary", "summary": summary]))
        }
        // v1 printed "### About you" whenever any profile value was set, even when no line followed.
        if flavour == .v1, items.isEmpty, !profile.isEmpty {
            items.append(PromptItem(key: "profile:heading", fields: ["kind": "heading"]))
        }
        return items
    }

    private static func preferenceItems(_ styles: [PlatformStyle], _ entries: [ContextEntry]) -> [PromptItem] {
        styles.map { style in
            PromptItem(key: "platform:" + style.platform, fields: Fields(["kind": "platform", "platform": style.platform])
                .adding("tone", style.tone).adding("verbosity", style.verbosity).values)
        } + entries.filter { $0.kind == .preference }.map(entryItem)
    }

    /// v1 lists every entry, preferences included (again); the standard template instructions, then facts.
    private func toldItems(_ entries: [ContextEntry]) -> [PromptItem] {
        switch flavour {
        case .v1:
            return entries.map(Self.entryItem)
        case .standard:
            return (entries.filter { $0.kind == .instruction } + entries.filter { $0.kind == .fact }).map(Self.entryItem)
        }
    }

    private static func entryItem(_ entry: ContextEntry) -> PromptItem {
        PromptItem(key: "context:" + entry.key, fields: ["kind": entry.kind.rawValue, "value": entry.value])
    }

    private static func deliverables(_ selection: LimitedSelection<ActiveDeliverable>) -> PromptSection {
        PromptSection(items: selection.items.map { deliverable in
            PromptItem(key: "deliverable:" + deliverable.id.lowercasedString,
                       fields: ["title": deliverable.title, "frequency": deliverable.frequency,
                                "recipient": deliverable.recipient])
        }, excludedByLimit: selection.excludedByLimit)
    }

    private static func platforms(_ selection: LimitedSelection<PlatformState>) -> PromptSection {
        PromptSection(items: selection.items.map { platform in
            PromptItem(key: "platform:" + platform.platform, fields: ["platform": platform.platform, "state": platform.state])
        }, excludedByLimit: selection.excludedByLimit)
    }

    /// A summary whose cut ends after a space keeps that space in v1 as the `trailing_space` field: values are
    /// trimmed when interpolated, so the v1 template writes the space itself (`{{#trailing_space}}`).
    private static func conversations(_ selection: LimitedSelection<RecentConversation>, _ time: DisplayTime) -> PromptSection {
        PromptSection(items: selection.items.map { conversation in
            PromptItem(key: "session:" + conversation.id.lowercasedString,
                       fields: Fields(["date": time.day(conversation.createdAt), "summary": conversation.summary])
                           .adding("trailing_space", conversation.cutAfterSpace ? "yes" : nil).values)
        }, excludedByLimit: selection.excludedByLimit)
    }

    private static func activity(_ selection: LimitedSelection<RecentActivity>, _ time: DisplayTime) -> PromptSection {
        PromptSection(items: selection.items.map { event in
            PromptItem(key: "activity:" + event.id.lowercasedString,
                       fields: ["time": time.minute(event.createdAt), "summary": event.summary])
        }, excludedByLimit: selection.excludedByLimit)
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
