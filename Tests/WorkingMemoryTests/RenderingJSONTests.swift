import Foundation
import PromptCompiler
import SourceData
import Testing
import Tokenization
@testable import WorkingMemory

/// A rendering's JSON (`wm render --format json`, the service's body) is exactly what `JSONEncoder` writes
/// for its `Encodable` shape.
@Suite struct RenderingJSONTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func renderer(_ template: String) throws -> WorkingMemoryRenderer {
        let path = GoldenInputTests.root.appendingPathComponent("templates/\(template).md").path
        return WorkingMemoryRenderer(template: try PromptTemplate(contentsOfFile: path),
                                     counter: try TokenizerKind.o200kBase.makeCounter())
    }

    @Test(arguments: GoldenInputTests.inputs)
    func goldenInputsMatchAtSeveralBudgets(name: String) throws {
        let file = GoldenInputTests.root.appendingPathComponent("golden/\(name)/input.json")
        let snapshot = try SnapshotFileSource(contentsOf: file).snapshot
        let failed = [FailedSource(table: .activityLog, reason: "permission denied \"x\"\n\u{1}")]
        for template in ["working-memory", "yarnnn-v1"] {
            let renderer = try Self.renderer(template)
            for budget in [250, 800, 4_000] {
                let rendering = try renderer.render(SourceResult(snapshot: snapshot, failedSources: failed),
                                                    now: try #require(snapshot.now), budget: budget,
                                                    overflow: .cutWithMarker)
                #expect(rendering.json == (try Self.encoded(rendering.encodableJSON)), "\(template) at \(budget)")
            }
        }
    }
}
