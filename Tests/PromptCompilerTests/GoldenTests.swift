import Foundation
import GoldenFiles
import Testing

/// One test per golden case under golden/ (folders holding a case.json).
@Suite struct GoldenTests {
    static let harness = GoldenHarness.standard(repository: Fixtures.root)

    @Test(arguments: harness.caseNames())
    func goldenCase(_ name: String) throws {
        let mismatches = try Self.harness.check(try Self.harness.loadCase(name))
        for mismatch in mismatches { Issue.record("\(mismatch)") }
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.harness.caseNames().count >= 5)
    }

    @Test func updatingIsRefusedWhenCIIsSet() throws {
        let name = try #require(Self.harness.caseNames().first)
        #expect(throws: GoldenError.self) {
            _ = try Self.harness.update(try Self.harness.loadCase(name), environment: ["CI": "true"])
        }
    }

    @Test func aMissingExpectedFileFailsTheCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A case whose input is in its own folder (the explain-* cases read another case's).
        let name = try #require(Self.harness.caseNames().first { (try? Self.harness.loadCase($0))?.configuration.input == "input.json" })
        let source = try Self.harness.loadCase(name).folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["case.json", "input.json"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let harness = GoldenHarness(root: folder.deletingLastPathComponent(), renderers: Self.harness.renderers)
        let mismatches = try harness.check(try GoldenCase(folder: folder))
        #expect(!mismatches.isEmpty)
        #expect(mismatches.allSatisfy { $0.diff.hasPrefix("missing expected file") })
    }

    @Test func theLineDiffShowsChangedLines() {
        let diff = LineDiff.render(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(diff.contains("- b") && diff.contains("+ B") && diff.contains("  a"))
    }
}
