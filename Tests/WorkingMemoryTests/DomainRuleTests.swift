import Foundation
import SourceData
import Testing
import WireFormats
@testable import WorkingMemory

@Suite struct SyncFreshnessTests {
    static let cases: [(elapsed: Double, standard: String, v1: String)] = [
        (59.0 * 60, "fresh", "fresh"),
        (3_599.999, "fresh", "fresh"),
        (3_600, "1 hour ago", "1 hours ago"),
        (2 * 3_600 - 1, "1 hour ago", "1 hours ago"),
        (23 * 3_600, "23 hours ago", "23 hours ago"),
        (24 * 3_600 - 1, "23 hours ago", "23 hours ago"),
        (24 * 3_600, "1 day ago", "1 days ago"),
        (6 * 86_400, "6 days ago", "6 days ago"),
        (7 * 86_400 - 1, "6 days ago", "6 days ago"),
        (7 * 86_400, "stale (7 days)", "stale (7 days)"),
        (400 * 86_400, "stale (400 days)", "stale (400 days)"),
        (-3_600, "fresh", "fresh"),
    ]

    @Test(arguments: cases)
    func boundaries(elapsed: Double, standard: String, v1: String) {
        let freshness = SyncFreshness(lastSync: .at(Fixture.now.addingTimeInterval(-elapsed)), now: Fixture.now)
        #expect(freshness.text(.standard) == standard)
        #expect(freshness.text(.v1) == v1)
    }

    /// The label changes at the end of each step: at the hour, at each whole hour, at each whole day.
    static let steps: [(elapsed: Double, changesAfter: Double)] = [
        (3_540, 3_600), (0, 3_600), (-600, 3_600), (3_600, 7_200), (84_600, 86_400),
        (86_400, 172_800), (561_600, 604_800), (2_599_200, 2_678_400),
    ]

    @Test(arguments: steps)
    func nextChangeEndsTheCurrentStep(elapsed: Double, changesAfter: Double) {
        let synced = Fixture.now.addingTimeInterval(-elapsed)
        let change = SyncFreshness.nextChange(lastSync: .at(synced), now: Fixture.now)
        #expect(change == synced.addingTimeInterval(changesAfter))
        let before = SyncFreshness(lastSync: .at(synced), now: change!.addingTimeInterval(-0.001))
        #expect(before == SyncFreshness(lastSync: .at(synced), now: Fixture.now))
        #expect(SyncFreshness(lastSync: .at(synced), now: change!) != before)
    }

    @Test func neverAndUnparseableNeverChange() {
        #expect(SyncFreshness.nextChange(lastSync: nil, now: Fixture.now) == nil)
        #expect(SyncFreshness.nextChange(lastSync: .unparseable("soon"), now: Fixture.now) == nil)
    }

    @Test func neverAndUnparseable() {
        #expect(SyncFreshness(lastSync: nil, now: Fixture.now).text(.standard) == "never synced")
        #expect(SyncFreshness(lastSync: .unparseable("soon"), now: Fixture.now).text(.v1) == "unknown")
    }
}

@Suite struct PlatformStateTests {
    let rows = [
        PlatformConnectionRow(platform: "slack", status: "active", lastSyncedAt: .at(Fixture.ago(hours: 2))),
        PlatformConnectionRow(platform: "gmail", status: "connected", lastSyncedAt: .at(Fixture.ago(minutes: 5))),
        PlatformConnectionRow(platform: "notion", status: "error"),
        PlatformConnectionRow(platform: "calendar", status: nil),
    ]

    @Test func standardShowsFreshnessForConnectedAndActive() {
        let selection = PlatformState.select(from: rows, now: Fixture.now, settings: .reference, flavour: .standard)
        #expect(selection.items == [
            PlatformState(platform: "calendar", state: "unknown"),
            PlatformState(platform: "gmail", state: "fresh", changesAt: Fixture.ago(minutes: 5).addingTimeInterval(3_600), showsFreshness: true),
            PlatformState(platform: "notion", state: "error"),
            PlatformState(platform: "slack", state: "2 hours ago", changesAt: Fixture.ago(hours: 2).addingTimeInterval(3 * 3_600),
                          showsFreshness: true),
        ])
    }

    @Test func v1ShowsFreshnessOnlyForConnected() {
        let selection = PlatformState.select(from: rows, now: Fixture.now, settings: .reference, flavour: .v1)
        #expect(selection.items.map(\.state) == ["unknown", "fresh", "error", "active"])
        #expect(selection.items.map(\.showsFreshness) == [false, true, false, false])
    }

    @Test func atMostFiveByNameTheRestCounted() {
        let many = ["f", "b", "a", "e", "g", "c", "d"].map { PlatformConnectionRow(platform: $0, status: "paused") }
        let selection = PlatformState.select(from: many, now: Fixture.now, settings: .reference, flavour: .v1)
        #expect(selection.items.map(\.platform) == ["a", "b", "c", "d", "e"])
        #expect(selection.excludedByLimit == 2)
    }
}

@Suite struct ProfileAndContextTests {
    @Test func profileReadsItsFiveKeysAndIgnoresEmptyValues() {
        let profile = Profile(Fixture.context([
            ("name", "Alex"), ("role", ""), ("company", "Acme"), ("timezone", "Europe/Berlin"), ("summary", "Builds things"),
            ("fact:x", "y"),
        ]))
        #expect(profile == Profile(name: "Alex", company: "Acme", timezone: "Europe/Berlin", summary: "Builds things"))
        #expect(Profile([]).isEmpty)
    }

    @Test func platformStylesMergeToneAndVerbosityByPlatform() {
        let styles = PlatformStyle.styles(in: Fixture.context([
            ("verbosity_slack", "brief"), ("tone_slack", "casual"), ("tone_email", "formal"), ("tone_", "x"),
            ("verbosity_notion", ""),
        ]))
        #expect(styles == [
            PlatformStyle(platform: "email", tone: "formal"),
            PlatformStyle(platform: "slack", tone: "casual", verbosity: "brief"),
        ])
    }

    @Test func entriesByPrefix() {
        let rows = Fixture.context([
            ("preference:b", "bullets"), ("fact:a", "has a dog"), ("instruction:c", "no emoji"), ("factoid", "no"),
            ("fact:empty", ""), ("name", "Alex"),
        ])
        let entries = ContextEntry.entries(in: rows, flavour: .v1)
        #expect(entries.map(\.key) == ["fact:a", "instruction:c", "preference:b"])
        #expect(entries.map(\.kind) == [.fact, .instruction, .preference])
    }

    @Test func standardOrderIsConfidenceThenNewestThenKey() {
        let rows = [
            UserContextRow(key: "fact:old", value: "1", confidence: 0.9, updatedAt: Fixture.ago(days: 3)),
            UserContextRow(key: "fact:new", value: "2", confidence: 0.9, updatedAt: Fixture.ago(days: 1)),
            UserContextRow(key: "fact:sure", value: "3", updatedAt: Fixture.ago(days: 9)),
            UserContextRow(key: "fact:b", value: "4", confidence: 0.5),
            UserContextRow(key: "fact:a", value: "5", confidence: 0.5),
        ]
        #expect(ContextEntry.entries(in: rows, flavour: .standard).map(\.key)
            == ["fact:sure", "fact:new", "fact:old", "fact:a", "fact:b"])
    }
}

@Suite struct ActiveDeliverableTests {
    @Test func activeNewestFirstWithDefaultsAndCount() {
        var rows = (1...7).map { n in
            DeliverableRow(id: Fixture.id(n), title: "D\(n)", schedule: .object(["frequency": .string("weekly")]),
                           recipientContext: .object(["name": .string("Sam")]), updatedAt: Fixture.ago(days: Double(n)))
        }
        rows.append(DeliverableRow(id: Fixture.id(8), title: "Paused", status: "paused", schedule: .object([:]),
                                   updatedAt: Fixture.now))
        rows[0].schedule = .object([:])
        rows[0].recipientContext = nil
        rows[1].recipientContext = .object(["name": .null])
        let selection = ActiveDeliverable.select(from: rows, settings: .reference)
        #expect(selection.items.map(\.title) == ["D1", "D2", "D3", "D4", "D5"])
        #expect(selection.items[0].frequency == "unknown" && selection.items[0].recipient == "unspecified")
        #expect(selection.items[1].recipient == "unspecified")
        #expect(selection.items[2].frequency == "weekly" && selection.items[2].recipient == "Sam")
        #expect(selection.excludedByLimit == 2)
    }

    @Test func equalTimestampsOrderByIDAndMissingTimestampsGoLast() {
        let rows = [
            DeliverableRow(id: Fixture.id(3), title: "none", schedule: .null),
            DeliverableRow(id: Fixture.id(2), title: "b", schedule: .null, updatedAt: Fixture.now),
            DeliverableRow(id: Fixture.id(1), title: "a", schedule: .null, updatedAt: Fixture.now),
        ]
        #expect(ActiveDeliverable.select(from: rows, settings: .reference).items.map(\.title) == ["a", "b", "none"])
    }
}

@Suite struct RecentConversationTests {
    @Test func insideTheLookbackNewestFirstAtMostThree() {
        let rows = [
            ChatSessionRow(id: Fixture.id(1), createdAt: Fixture.ago(days: 7), summary: "edge, inside"),
            ChatSessionRow(id: Fixture.id(2), createdAt: Fixture.ago(days: 7, seconds: 1), summary: "just outside"),
            ChatSessionRow(id: Fixture.id(3), createdAt: Fixture.ago(hours: 1), summary: "newest"),
            ChatSessionRow(id: Fixture.id(4), createdAt: Fixture.ago(hours: 2), summary: nil),
            ChatSessionRow(id: Fixture.id(5), createdAt: Fixture.ago(days: 2), summary: "two days"),
            ChatSessionRow(id: Fixture.id(6), createdAt: Fixture.ago(days: 3), summary: "three days"),
            ChatSessionRow(id: Fixture.id(7), createdAt: Fixture.ago(days: 1), summary: "  "),
        ]
        let selection = RecentConversation.select(from: rows, now: Fixture.now, settings: .reference, flavour: .standard)
        #expect(selection.items.map(\.summary) == ["newest", "two days", "three days"])
        #expect(selection.excludedByLimit == 2)
    }

    @Test func summariesAreCutTo300() {
        let long = String(repeating: "é", count: 299) + "👩‍👩‍👧" + "tail"
        #expect(RecentConversation.cut(long, to: 300, .standard) == String(repeating: "é", count: 299) + "👩‍👩‍👧…")
        let v1Cut = RecentConversation.cut(long, to: 300, .v1)
        #expect(v1Cut.unicodeScalars.count == 300)
        #expect(v1Cut.hasSuffix("👩"))
        #expect(RecentConversation.cut("short", to: 300, .standard) == "short")
    }
}

@Suite struct RecentActivityTests {
    @Test func insideTheLookbackNewestFirstAtMostTen() {
        let rows = (0..<40).map { n in
            ActivityLogRow(id: Fixture.id(n), summary: "event \(n)", createdAt: Fixture.ago(hours: Double(n) * 6))
        }
        let selection = RecentActivity.select(from: rows, now: Fixture.now, settings: .reference)
        #expect(selection.items.map(\.summary) == (0..<10).map { "event \($0)" })
        // 29 events are inside 7 days (0 h ... 168 h); 11 older, 19 beyond the count.
        #expect(selection.excludedByLimit == 30)
    }

    @Test func equalTimesOrderByID() {
        let rows = [3, 1, 2].map { ActivityLogRow(id: Fixture.id($0), summary: "\($0)", createdAt: Fixture.now) }
        #expect(RecentActivity.select(from: rows, now: Fixture.now, settings: .reference).items.map(\.summary) == ["1", "2", "3"])
    }

    @Test func limitsAreSettings() {
        var settings = BuilderSettings()
        settings.maxActivity = 2
        settings.activityLookback = 3_600
        let rows = (0..<5).map { ActivityLogRow(id: Fixture.id($0), summary: "\($0)", createdAt: Fixture.ago(minutes: Double($0) * 20)) }
        let selection = RecentActivity.select(from: rows, now: Fixture.now, settings: settings)
        #expect(selection.items.map(\.summary) == ["0", "1"])
        #expect(selection.excludedByLimit == 3)
    }
}

@Suite struct DisplayTimeTests {
    @Test func validZoneIsUsedByTheStandardTemplate() {
        let (time, note) = DisplayTime.resolve(profileZone: "America/New_York", flavour: .standard)
        #expect(note == nil)
        #expect(time.minute(Fixture.now) == "2024-05-01 08:00")
        #expect(time.day(RFC3339.date(epochSeconds: 1_714_532_400, micros: 0)) == "2024-04-30")
    }

    @Test func invalidZoneFallsBackToUTCWithANote() {
        let (time, note) = DisplayTime.resolve(profileZone: "Mars/Base", flavour: .standard)
        #expect(time.zoneName == "UTC")
        #expect(note?.description == #"invalid time zone "Mars/Base"; times in UTC"#)
        #expect(DisplayTime.resolve(profileZone: "Europe/Berlin\n### x", flavour: .standard).1 != nil)
    }

    @Test func v1AlwaysUsesUTCWithoutANote() {
        let (time, note) = DisplayTime.resolve(profileZone: "Asia/Tokyo", flavour: .v1)
        #expect(time.minute(Fixture.now) == "2024-05-01 12:00")
        #expect(note == nil)
    }

    @Test func theEarliestAndLatestInstantsASnapshotCanNameArePadded() {
        let (kiritimati, _) = DisplayTime.resolve(profileZone: "Pacific/Kiritimati", flavour: .standard)
        let (honolulu, _) = DisplayTime.resolve(profileZone: "Pacific/Honolulu", flavour: .standard)
        let latest = RFC3339.date(from: "9999-12-31T23:59:00Z")!
        let earliest = RFC3339.date(from: "0001-01-01T00:00:00Z")!
        #expect(kiritimati.minute(latest) == "10000-01-01 13:59")
        #expect(DisplayTime.utc.minute(earliest) == "0001-01-01 00:00")
        #expect(DisplayTime.utc.day(RFC3339.date(from: "0987-06-05T04:03:00Z")!) == "0987-06-05")
        #expect(honolulu.day(earliest).hasPrefix("0000-12-31"))
    }

    @Test func utcRendersMinutesTruncated() {
        #expect(DisplayTime.utc.minute(Fixture.now.addingTimeInterval(59.9)) == "2024-05-01 12:00")
        #expect(DisplayTime.resolve(profileZone: "UTC", flavour: .standard).1 == nil)
    }
}
