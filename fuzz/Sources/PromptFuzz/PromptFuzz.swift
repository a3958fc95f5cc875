import Foundation
import PromptCompiler
import Tokenization

/// The shipped templates and an exact counter, loaded once.
private let fixtures: (renderers: [PromptRenderer], counter: any TokenCounter) = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let counter = try! TokenizerKind.o200kBase.makeCounter()
    let renderers = ["working-memory", "yarnnn-v1"].map { name in
        PromptRenderer(template: try! PromptTemplate(contentsOfFile: root.appendingPathComponent("templates/\(name).md").path),
                       counter: counter)
    }
    return (renderers, counter)
}()

/// Fuzzes template compilation or rendering (see FuzzInput) and checks the invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzInput(bytes) {
    case nil:
        return 0
    case .template(let source)?:
        let compiled: PromptTemplate?
        do {
            compiled = try PromptTemplate(source: source, file: "fuzz.md")
        } catch {
            if case .rendererMismatch = error.problem { preconditionFailure("\(error)") }
            compiled = nil
        }
        if let template = compiled {
            let renderer = PromptRenderer(template: template, counter: fixtures.counter)
            checkRender(renderer, PromptInput(), budget: template.defaultBudget)
        }
    case .render(let index, let budget, let input)?:
        checkRender(fixtures.renderers[index % fixtures.renderers.count], input, budget: budget)
    }
    return 0
}

private func checkRender(_ renderer: PromptRenderer, _ input: PromptInput, budget: Int) {
    for mode in OverflowMode.allCases {
        do {
            let result = try renderer.render(input, budget: budget, overflow: mode)
            precondition(result.tokens <= budget, "over budget: \(result.tokens) > \(budget)")
            precondition(fixtures.counter.count(result.markdown) == result.tokens, "token count mismatch")
            precondition(result.blocks.map(\.markdown).joined() == result.markdown, "blocks do not join")
            let again = try renderer.render(input, budget: budget, overflow: mode)
            precondition(again.markdown == result.markdown, "not deterministic")
            if let larger = try? renderer.render(input, budget: budget + 97, overflow: mode) {
                let keep: (PromptResult) -> Set<String> = { result in
                    var keys = Set<String>()
                    for section in result.report.sections {
                        let omitted = Set(section.omittedItems.map(\.key))
                        keys.formUnion(section.allKeys.filter { !omitted.contains($0) })
                    }
                    return keys
                }
                precondition(keep(result).isSubset(of: keep(larger)), "a larger budget dropped an item")
            }
        } catch .overBudget, .budgetBelowMinimum {
            continue
        } catch {
            // Structure mismatches and unknown kinds are bugs for inputs built from the contract.
            preconditionFailure("unexpected error: \(error)")
        }
    }
}

// SwiftPM links an executable's entry point as `<Target>_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("PromptFuzz_main")
public func promptFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
