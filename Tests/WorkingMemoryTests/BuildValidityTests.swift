import Foundation
import PromptCompiler
import SourceData
import Testing
import WireFormats
@testable import WorkingMemory

/// `WorkingMemoryBuild.validUntil`: the first instant a build of the same snapshot can differ, and never later.
@Suite struct BuildValidityTests {
    let builder = WorkingMemoryBuilder(flavour: .standard)

    /// A platform synced 59 minutes ago, an event 6 days old, a conversation 5 days old, one outside its window.
    static let snapshot = Snapshot(
        userID: Fixture.user,
        platformConnections: [PlatformConnectionRow(platform: "slack", status: "active", lastSyncedAt: .at(Fixture.ago(minutes: 59)))],
        chatSessions: [
            ChatSessionRow(id: Fixture.id(1), createdAt: Fixture.ago(days: 5), summary: "Planned Q3"),
            ChatSessionRow(id: Fixture.id(2), createdAt: Fixture.ago(days: 2), summary: nil),
            ChatSessionRow(id: Fixture.id(3), createdAt: Fixture.ago(days: 9), summary: "outside"),
        ],
        activityLog: [
            ActivityLogRow(id: Fixture.id(4), summary: "recent", createdAt: Fixture.ago(minutes: 5)),
            ActivityLogRow(id: Fixture.id(5), summary: "six days", createdAt: Fixture.ago(days: 6)),
            ActivityLogRow(id: Fixture.id(6), summary: "outside", createdAt: Fixture.ago(days: 8)),
        ])

    @Test func theFreshnessStepComesFirst() {
        let build = builder.build(Self.snapshot, now: Fixture.now)
        #expect(build.validUntil == Fixture.ago(minutes: 59).addingTimeInterval(3_600))
    }

    @Test func withoutPlatformsTheOldestEventInsideItsWindowLeavesFirst() {
        var snapshot = Self.snapshot
        snapshot.platformConnections = []
        #expect(builder.build(snapshot, now: Fixture.now).validUntil == Fixture.ago(days: 6).addingTimeInterval(7 * 86_400))
        snapshot.activityLog = []
        // The summarised conversation (the one without a summary is neither shown nor counted).
        #expect(builder.build(snapshot, now: Fixture.now).validUntil == Fixture.ago(days: 5).addingTimeInterval(7 * 86_400))
    }

    @Test func nothingTimeDependentMeansNoLimit() {
        let snapshot = Snapshot(
            userID: Fixture.user, userContext: Fixture.context([("name", "Alex")]),
            platformConnections: [PlatformConnectionRow(platform: "notion", status: "error", lastSyncedAt: .at(Fixture.ago(hours: 2)))],
            activityLog: [ActivityLogRow(id: Fixture.id(6), summary: "outside", createdAt: Fixture.ago(days: 8))])
        #expect(builder.build(snapshot, now: Fixture.now).validUntil == nil)
    }

    /// Counted but not shown: the eleventh event inside the window still changes the omission count when it leaves.
    @Test func countedEventsAreIncluded() {
        let events = (0..<11).map { ActivityLogRow(id: Fixture.id($0), summary: "e\($0)", createdAt: Fixture.ago(hours: Double($0))) }
        let snapshot = Snapshot(userID: Fixture.user, activityLog: events)
        #expect(builder.build(snapshot, now: Fixture.now).validUntil == Fixture.ago(hours: 10).addingTimeInterval(7 * 86_400))
    }

    /// The promise itself, checked on the builder's output: the same up to just before `validUntil`, then not.
    @Test(arguments: [TemplateFlavour.standard, .v1])
    func theBuildIsTheSameUntilValidUntilAndChangesThere(flavour: TemplateFlavour) throws {
        let builder = WorkingMemoryBuilder(flavour: flavour)
        var snapshot = Self.snapshot
        snapshot.platformConnections[0].status = "connected"
        var now = Fixture.now
        for _ in 0..<6 {
            let build = builder.build(snapshot, now: now)
            let until = try #require(build.validUntil)
            #expect(until > now)
            #expect(builder.build(snapshot, now: until.addingTimeInterval(-0.001)).input == build.input)
            #expect(builder.build(snapshot, now: until.addingTimeInterval(0.001)).input != build.input)
            now = until.addingTimeInterval(0.001)
        }
    }

    @Test func wholeMicrosecondsRoundedDown() {
        let synced = Fixture.now.addingTimeInterval(-60.000_000_7)
        let snapshot = Snapshot(userID: Fixture.user, platformConnections: [
            PlatformConnectionRow(platform: "slack", status: "active", lastSyncedAt: .at(synced)),
        ])
        let until = try! #require(builder.build(snapshot, now: Fixture.now).validUntil)
        #expect(until <= synced.addingTimeInterval(3_600))
        #expect(RFC3339.date(from: RFC3339.string(from: until)) == until)
    }
}
