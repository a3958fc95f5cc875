import Foundation
import PromptCompiler
import SourceData
import Testing
@testable import WorkingMemory

@Suite struct WorkingMemoryBuilderTests {
    static let snapshot = Snapshot(
        userID: Fixture.user,
        userContext: Fixture.context([
            ("name", "Alex"), ("role", "PM"), ("company", "Acme"), ("timezone", "Europe/Berlin"),
            ("tone_slack", "casual"), ("preference:format", "bullets"), ("fact:dog", "Has a dog"),
            ("instruction:emoji", "No emoji"),
        ]),
        deliverables: [
            DeliverableRow(id: Fixture.id(1), title: "Weekly digest", schedule: .object(["frequency": .string("weekly")]),
                           recipientContext: .object(["name": .string("Sam")]), updatedAt: Fixture.ago(days: 1)),
        ],
        platformConnections: [PlatformConnectionRow(platform: "slack", status: "active", lastSyncedAt: .at(Fixture.ago(hours: 1)))],
        chatSessions: [ChatSessionRow(id: Fixture.id(2), createdAt: Fixture.ago(hours: 13), summary: "Planned Q3")],
        activityLog: [
            ActivityLogRow(id: Fixture.id(3), summary: "Synced slack/general: 12 items", createdAt: Fixture.ago(minutes: 30)),
            ActivityLogRow(id: Fixture.id(4), summary: "old", createdAt: Fixture.ago(days: 8)),
        ])

    @Test func standardMappingFollowsTheContract() {
        let build = WorkingMemoryBuilder(flavour: .standard).build(Self.snapshot, now: Fixture.now)
        #expect(build.notes.isEmpty)
        #expect(build.timeZone == "Europe/Berlin")
        #expect(build.input == PromptInput(sections: [
            "profile": PromptSection(items: [
                PromptItem(key: "profile:name", fields: ["kind": "name", "name": "Alex", "role": "PM", "company": "Acme"]),
                PromptItem(key: "context:timezone", fields: ["kind": "timezone", "timezone": "Europe/Berlin"]),
            ]),
            "preferences": PromptSection(items: [
                PromptItem(key: "platform:slack", fields: ["kind": "platform", "platform": "slack", "tone": "casual"]),
                PromptItem(key: "context:preference:format", fields: ["kind": "preference", "value": "bullets"]),
            ]),
            "told": PromptSection(items: [
                PromptItem(key: "context:instruction:emoji", fields: ["kind": "instruction", "value": "No emoji"]),
                PromptItem(key: "context:fact:dog", fields: ["kind": "fact", "value": "Has a dog"]),
            ]),
            "deliverables": PromptSection(items: [
                PromptItem(key: "deliverable:00000000-0000-4000-8000-000000000001",
                           fields: ["title": "Weekly digest", "frequency": "weekly", "recipient": "Sam"]),
            ]),
            "platforms": PromptSection(items: [
                PromptItem(key: "platform:slack", fields: ["platform": "slack", "state": "1 hour ago"]),
            ]),
            "conversations": PromptSection(items: [
                // 2024-04-30T23:00Z is already May 1 in Berlin.
                PromptItem(key: "session:00000000-0000-4000-8000-000000000002", fields: ["date": "2024-05-01", "summary": "Planned Q3"]),
            ]),
            "activity": PromptSection(items: [
                PromptItem(key: "activity:00000000-0000-4000-8000-000000000003",
                           fields: ["time": "2024-05-01 13:30", "summary": "Synced slack/general: 12 items"]),
            ], excludedByLimit: 1),
        ]))
    }

    @Test func v1ListsPreferencesTwiceInUTCWithItsQuirks() {
        let build = WorkingMemoryBuilder(flavour: .v1).build(Self.snapshot, now: Fixture.now)
        let sections = build.input.sections
        #expect(build.timeZone == "UTC")
        #expect(sections["told"]?.items.map(\.key) == ["context:fact:dog", "context:instruction:emoji", "context:preference:format"])
        #expect(sections["preferences"]?.items.last?.fields == ["kind": "preference", "value": "bullets"])
        #expect(sections["platforms"]?.items.first?.fields["state"] == "active")
        #expect(sections["conversations"]?.items.first?.fields["date"] == "2024-04-30")
        #expect(sections["activity"]?.items.first?.fields["time"] == "2024-05-01 11:30")
    }

    @Test func coldStartGivesSevenEmptySections() {
        let build = WorkingMemoryBuilder(flavour: .standard).build(Snapshot(userID: Fixture.user), now: Fixture.now)
        #expect(build.input.sections.keys.sorted() == ["activity", "conversations", "deliverables", "platforms", "preferences", "profile", "told"])
        #expect(build.input.sections.values.allSatisfy { $0.items.isEmpty && $0.excludedByLimit == 0 })
    }

    @Test func roleAndCompanyWithoutANameGiveNoNameItemButKeepTheV1Heading() {
        let snapshot = Snapshot(userID: Fixture.user, userContext: Fixture.context([("role", "PM"), ("company", "Acme")]))
        // v1 printed "### About you" with no line under it: one heading-only item, and no name line.
        #expect(WorkingMemoryBuilder(flavour: .v1).build(snapshot, now: Fixture.now).input.sections["profile"]?.items
                == [PromptItem(key: "profile:heading", fields: ["kind": "heading"])])
        let standard = WorkingMemoryBuilder(flavour: .standard).build(snapshot, now: Fixture.now)
        #expect(standard.input.sections["profile"]?.items.map(\.key) == ["profile:name"])
    }

    @Test func anEmptyProfileGivesNoV1Heading() {
        let snapshot = Snapshot(userID: Fixture.user, userContext: Fixture.context([("name", ""), ("fact:a", "b")]))
        #expect(WorkingMemoryBuilder(flavour: .v1).build(snapshot, now: Fixture.now).input.sections["profile"]?.items == [])
    }

    @Test func invalidZoneIsNotedAndTimesAreUTC() {
        var snapshot = Self.snapshot
        snapshot.userContext[3] = UserContextRow(key: "timezone", value: "Mars/Base")
        let build = WorkingMemoryBuilder(flavour: .standard).build(snapshot, now: Fixture.now)
        #expect(build.notes.map(\.description) == [#"invalid time zone "Mars/Base"; times in UTC"#])
        #expect(build.input.sections["activity"]?.items.first?.fields["time"] == "2024-05-01 11:30")
        #expect(build.input.sections["profile"]?.items.last?.fields["timezone"] == "Mars/Base")
    }

    @Test func buildingIsDeterministicRegardlessOfRowOrder() {
        var shuffled = Self.snapshot
        shuffled.userContext.reverse()
        shuffled.activityLog.reverse()
        let builder = WorkingMemoryBuilder(flavour: .standard)
        #expect(builder.build(shuffled, now: Fixture.now) == builder.build(Self.snapshot, now: Fixture.now))
    }
}
