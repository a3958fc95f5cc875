import Foundation
import SourceData
import Testing
@testable import WorkingMemory

/// The bundled example and the golden-case inputs are valid snapshots and survive a round trip.
@Suite struct GoldenInputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The snapshot inputs of the golden cases: `golden/snapshot-*/input.json` and `golden/v1-*/input.json`.
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("golden").path)) ?? [])
        .filter { $0.hasPrefix("snapshot-") || $0.hasPrefix("v1-") }.sorted()

    @Test func thereAreTheIssuesCases() {
        #expect(Self.inputs.filter { $0.hasPrefix("snapshot-") }.count >= 13)
    }

    @Test(arguments: inputs)
    func decodesBuildsAndRoundTrips(name: String) throws {
        let source = try SnapshotFileSource(contentsOf: Self.root.appendingPathComponent("golden/\(name)/input.json"))
        let snapshot = source.snapshot
        #expect(try SnapshotDecoder.decode(Data(SnapshotEncoder.encode(snapshot).utf8)) == snapshot)
        let now = try #require(snapshot.now)
        for flavour in TemplateFlavour.allCases {
            let build = WorkingMemoryBuilder(flavour: flavour).build(snapshot, now: now)
            #expect(build.input.sections.count == 7)
        }
    }

    @Test func exampleIsTheRealisticUser() throws {
        let snapshot = try SnapshotFileSource(contentsOf: Self.root.appendingPathComponent("examples/alex.json")).snapshot
        #expect(snapshot.deliverables.filter { $0.status == "active" }.count == 7)
        #expect(snapshot.platformConnections.count == 4)
        #expect(snapshot.activityLog.count == 15)
        let build = WorkingMemoryBuilder(flavour: .standard).build(snapshot, now: try #require(snapshot.now))
        #expect(build.timeZone == "America/New_York")
        #expect(build.input.sections["deliverables"]?.excludedByLimit == 2)
        #expect(build.input.sections["activity"]?.items.count == 10)
        #expect(build.input.sections["activity"]?.excludedByLimit == 5)
    }

    @Test func platformFreshnessCaseCoversEveryBoundary() throws {
        let snapshot = try SnapshotFileSource(contentsOf: Self.root.appendingPathComponent("golden/snapshot-platform-freshness/input.json")).snapshot
        var settings = BuilderSettings()
        settings.maxPlatforms = 10
        let states = PlatformState.select(from: snapshot.platformConnections, now: try #require(snapshot.now),
                                          settings: settings, flavour: .standard).items.map(\.state)
        #expect(states == ["fresh", "1 hour ago", "23 hours ago", "1 day ago", "6 days ago", "stale (7 days)",
                           "never synced", "unknown"])
    }
}
