import Foundation
import PromptCompiler
import SourceData
import Testing
import Tokenization
import WireFormats
@testable import WorkingMemory

/// `wm diff`'s model: pairs built to change only volatile data, only one fact, or nothing.
@Suite struct RenderingDiffTests {
    static let snapshot = try! SnapshotFileSource(contentsOf: GoldenInputTests.root.appendingPathComponent("examples/alex.json")).snapshot
    static let renderer = WorkingMemoryRenderer(
        template: try! PromptTemplate(contentsOfFile: GoldenInputTests.root.appendingPathComponent("templates/working-memory.md").path),
        counter: try! TokenizerKind.o200kBase.makeCounter())

    static func render(_ snapshot: Snapshot, budget: Int? = nil) throws -> WorkingMemoryRendering {
        try renderer.render(SourceResult(snapshot: snapshot), now: snapshot.now!, budget: budget)
    }

    @Test func theSameInputDiffersInNothing() throws {
        let diff = RenderingDiff(from: ComparedRendering(try Self.render(Self.snapshot)), to: ComparedRendering(try Self.render(Self.snapshot)))
        #expect(diff.isEmpty)
        #expect(!diff.stableChanged)
        #expect(diff.sections.isEmpty)
        #expect(diff.text(old: "a", new: "b").isEmpty)
    }

    @Test func volatileDataOnlyLeavesTheStableBlockAndBlamesNothing() throws {
        var changed = Self.snapshot
        changed.activityLog[0].summary += " (again)"
        changed.activityLog.append(ActivityLogRow(id: UUID(), summary: "Synced slack/#new: 3 items", createdAt: changed.now!))
        changed.chatSessions[0].summary = "Planned the next sprint."
        let diff = RenderingDiff(from: ComparedRendering(try Self.render(Self.snapshot)), to: ComparedRendering(try Self.render(changed)))
        #expect(!diff.isEmpty)
        #expect(!diff.stableChanged)
        #expect(diff.blame.isEmpty)
        #expect(Set(diff.sections.map(\.id)) == ["activity", "conversations"])
        #expect(diff.sections.allSatisfy { $0.block == "volatile" })
        let changes = diff.sections.flatMap(\.items)
        #expect(changes.contains { $0.change == .added && $0.key.hasPrefix("activity:") })
        #expect(changes.contains { $0.change == .changed && $0.key == "activity:" + Self.snapshot.activityLog[0].id.lowercasedString })
        #expect(diff.text(old: "a", new: "b").contains("stable block: unchanged"))
    }

    @Test func oneChangedFactBlamesItsRow() throws {
        var changed = Self.snapshot
        let index = try #require(changed.userContext.firstIndex { $0.key == "fact:launch" })
        changed.userContext[index].value = "Q4 launch of the Insights dashboard is the top priority"
        let row = changed.userContext[index]
        let diff = RenderingDiff(from: ComparedRendering(try Self.render(Self.snapshot)), to: ComparedRendering(try Self.render(changed)))
        #expect(diff.stableChanged)
        #expect(diff.blame.count == 1)
        let blame = try #require(diff.blame.first)
        #expect(blame.row.table == "user_context")
        #expect(blame.row.id == row.id?.lowercasedString)
        #expect(blame.row.key == "fact:launch")
        #expect(blame.key == "context:fact:launch")
        #expect(blame.change == .changed)
        #expect(diff.sections.map(\.id) == ["told"])
        let text = diff.text(old: "a", new: "b")
        #expect(text.contains("cache-bust blame:"))
        #expect(text.contains("key=fact:launch"))
    }

    @Test func aSmallerBudgetDropsAndCutsWithReasons() throws {
        let diff = RenderingDiff(from: ComparedRendering(try Self.render(Self.snapshot)),
                                 to: ComparedRendering(try Self.render(Self.snapshot, budget: 450)))
        let changes = diff.sections.flatMap(\.items)
        #expect(changes.contains { $0.change == .dropped && $0.new?.status == .omitted(.budget) })
        #expect(changes.allSatisfy { $0.change != .removed })
        #expect(diff.newTokens < diff.oldTokens)
        #expect(changes.filter { $0.change == .dropped }.allSatisfy { $0.tokenDelta < 0 })
    }

    @Test func resultJSONComparesAsTheRenderingDoes() throws {
        var changed = Self.snapshot
        let index = try #require(changed.userContext.firstIndex { $0.key == "fact:team" })
        changed.userContext[index].value = "Manages Priya, Tom and Ana"
        changed.activityLog.removeFirst()
        let before = try Self.render(Self.snapshot, budget: 700)
        let after = try Self.render(changed, budget: 700)
        let direct = RenderingDiff(from: ComparedRendering(before), to: ComparedRendering(after))
        let viaJSON = RenderingDiff(from: try ComparedRendering(resultJSON: JSONParser.parse(before.jsonUTF8)),
                                    to: try ComparedRendering(resultJSON: JSONParser.parse(after.jsonUTF8)))
        #expect(viaJSON.text(old: "a", new: "b") == direct.text(old: "a", new: "b"))
        #expect(viaJSON.blame.map(\.row) == direct.blame.map(\.row))
        #expect(!direct.blame.isEmpty)
    }

    @Test func resultJSONWithoutProvenanceIsRefused() throws {
        let value = try JSONParser.parse(Array(#"{"markdown": "x", "tokens": 1, "blocks": [{"markdown": "x"}], "report": {"sections": []}}"#.utf8))
        #expect(throws: ComparedRendering.JSONProblem.self) { try ComparedRendering(resultJSON: value) }
    }
}
