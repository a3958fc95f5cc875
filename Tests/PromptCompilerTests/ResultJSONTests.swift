import Foundation
import PromptCompiler
import Testing
import Tokenization

/// The budget report's JSON is the bytes `JSONEncoder` writes for its `Encodable` form.
@Suite struct ResultJSONTests {
    /// What `JSONEncoder` gives with the options the `encoderPretty` style reproduces.
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every member of the report (notes, cut sections, omitted items among them) is written in key order: the
    /// writer sorts nothing, so a member out of order would show here.
    @Test func reportsOfTheTypicalInputMatchAtEveryBudget() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        var sawOmittedItems = false
        for budget in [120, 300, 600, 2_000] {
            let report = try renderer.render(Fixtures.typical, budget: budget, overflow: .cutWithMarker).report
                .noting(["a note with \"quotes\", a tab\tand a line\nbreak"])
            sawOmittedItems = sawOmittedItems || report.sections.contains { !$0.omittedItems.isEmpty }
            #expect(report.json() == (try Self.encoded(report)) + "\n", "budget \(budget)")
        }
        #expect(sawOmittedItems, "some report lists omitted items")
    }
}
