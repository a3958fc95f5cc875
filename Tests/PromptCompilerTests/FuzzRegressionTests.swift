import Foundation
import PromptCompiler
import Testing
import Tokenization

/// Replays every input the fuzzer ever crashed on (Tests/PromptCompilerTests/Regressions/*.bin).
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.root.appendingPathComponent("Tests/PromptCompilerTests/Regressions")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".bin") }.sorted()

    @Test func thereAreRegressionInputs() {
        #expect(!Self.files.isEmpty)
    }

    @Test(arguments: files)
    func replay(_ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let counter = try TokenizerKind.o200kBase.makeCounter()
        switch FuzzInput(bytes) {
        case nil:
            break
        case .template(let source)?:
            if let template = try? PromptTemplate(source: source, file: "fuzz.md") {
                let result = try PromptRenderer(template: template, counter: counter).render(PromptInput())
                #expect(result.tokens <= template.defaultBudget)
            }
        case .render(let index, let budget, let input)?:
            let name = ["working-memory", "yarnnn-v1"][index % 2]
            let renderer = PromptRenderer(template: try Fixtures.template(name), counter: counter)
            for mode in OverflowMode.allCases {
                do {
                    let result = try renderer.render(input, budget: budget, overflow: mode)
                    #expect(result.tokens <= budget)
                    #expect(counter.count(result.markdown) == result.tokens)
                } catch .overBudget, .budgetBelowMinimum {
                    continue
                }
            }
        }
    }
}
