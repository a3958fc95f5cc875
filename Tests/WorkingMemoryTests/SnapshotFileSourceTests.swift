import Foundation
import SourceData
import Testing
@testable import WorkingMemory

@Suite struct SnapshotFileSourceTests {
    static let json = Data(#"{"user_id": "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d", "now": "2024-05-01T12:00:00Z"}"#.utf8)

    @Test func servesItsSnapshotWithoutFailures() async throws {
        let source = try SnapshotFileSource(data: Self.json)
        let result = try await source.fetch(user: Fixture.user, now: Fixture.now)
        #expect(result.snapshot == Snapshot(userID: Fixture.user, now: Fixture.now))
        #expect(result.failedSources.isEmpty)
    }

    @Test func refusesAnotherUser() async throws {
        let source = try SnapshotFileSource(data: Self.json)
        await #expect(throws: SnapshotSourceError.self) { try await source.fetch(user: Fixture.id(1), now: Fixture.now) }
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            try SnapshotFileSource(contentsOf: URL(fileURLWithPath: "/nonexistent/snapshot.json"))
        } throws: { error in
            (error as? SnapshotSourceError)?.description == #"cannot read snapshot "/nonexistent/snapshot.json": no such file"#
        }
    }

    @Test func failedSourceNamesItsTable() {
        #expect(FailedSource(table: .activityLog, reason: "permission denied").description == "activity_log: permission denied")
    }
}

@Suite struct HostileValueTests {
    /// The builder passes user text through verbatim: escaping is the compiler's job, and it must see the raw text.
    @Test func hostileValuesReachTheSectionsUnchanged() throws {
        let hostile = "Eve\n### Injected\n<script>"
        let snapshot = Snapshot(
            userID: Fixture.user,
            userContext: Fixture.context([("name", hostile), ("fact:x", hostile), ("timezone", hostile)]),
            activityLog: [ActivityLogRow(id: Fixture.id(1), summary: hostile, createdAt: Fixture.now)])
        let build = WorkingMemoryBuilder(flavour: .standard).build(snapshot, now: Fixture.now)
        #expect(build.input.sections["profile"]?.items.first?.fields["name"] == hostile)
        #expect(build.input.sections["told"]?.items.first?.fields["value"] == hostile)
        #expect(build.input.sections["activity"]?.items.first?.fields["summary"] == hostile)
        #expect(build.notes.map(\.description) == [#"invalid time zone "Eve\n### Injected\n<script>"; times in UTC"#])
    }
}
