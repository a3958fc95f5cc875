import PromptCompiler
import SeededRandom
import Testing
import Tokenization

/// Seeded properties over random inputs, for every template and every encoding, replayable from the seed.
///
/// o200k_base (the default) gets 5,000 cases per template; every other encoding 500. The exact-count
/// check (`counter.count(markdown) == tokens`) is the renderer's debug assertion, here in every build.
@Suite struct PropertyTests {
    /// Every distinct counter: `claude` is an alias of `claude-4.7` and gives the same counts.
    static let encodings = TokenizerKind.allCases.filter { $0 != .claude }

    static func cases(for encoding: TokenizerKind) -> Int { encoding == .o200kBase ? 5_000 : 500 }

    static func seed(_ templateName: String, _ encoding: TokenizerKind) -> UInt64 {
        let base: UInt64 = templateName == "yarnnn-v1" ? 0xA11CE : 0xB0B
        return base &+ UInt64(encodings.firstIndex(of: encoding)!) &* 0x9E37_79B9
    }

    @Test(arguments: ["working-memory", "yarnnn-v1"], encodings)
    func renderingKeepsItsInvariants(templateName: String, encoding: TokenizerKind) throws {
        let counter = try encoding.makeCounter()
        let renderer = PromptRenderer(template: try Fixtures.template(templateName), counter: counter)
        var random = RandomInputs(generator: SeededGenerator(seed: Self.seed(templateName, encoding)))
        for caseNumber in 0..<Self.cases(for: encoding) {
            let input = random.input()
            let low = random.int(40...2_500)
            let high = low + random.int(1...600)
            let mode: OverflowMode = random.chance(0.5) ? .fail : .cutWithMarker
            let context = "template \(templateName) encoding \(encoding.rawValue) case \(caseNumber) budgets \(low)/\(high) mode \(mode)"

            guard let first = try render(renderer, input, low, mode, context) else {
                // A budget too small for required content: a larger one may work, and must not crash.
                _ = try render(renderer, input, high, mode, context)
                continue
            }
            // Never over budget, counted exactly on the whole text; blocks join to the markdown.
            #expect(first.tokens <= low, "\(context)")
            #expect(counter.count(first.markdown) == first.tokens, "\(context)")
            #expect(first.blocks.map(\.markdown).joined() == first.markdown, "\(context)")
            #expect(first.blocks.allSatisfy { counter.count($0.markdown) == $0.tokens }, "\(context)")

            // Deterministic: the same input gives the same bytes and the same report (every 4th case).
            if caseNumber % 4 == 0 {
                let again = try renderer.render(input, budget: low, overflow: mode)
                #expect(again.markdown == first.markdown && again.report.json() == first.report.json(), "\(context)")
                // The fast JSON writer gives JSONEncoder's bytes, hostile values included.
                #expect(first.report.json() == (try ResultJSONTests.encoded(first.report)) + "\n", "\(context)")
            }

            // Monotone: a larger budget keeps every item the smaller one kept.
            let second = try #require(try render(renderer, input, high, mode, context), "\(context)")
            #expect(first.kept.isSubset(of: second.kept), "\(context): lost \(first.kept.subtracting(second.kept))")

            // Cache-stable: changing only the volatile sections leaves the stable block byte-identical.
            let changed = random.changingVolatile(input)
            if let other = try render(renderer, changed, low, mode, context) {
                #expect(other.blocks[0] == first.blocks[0], "\(context)")
            }
        }
    }

    /// Renders, turning the two budget errors into nil; any other error fails the test.
    func render(_ renderer: PromptRenderer, _ input: PromptInput, _ budget: Int, _ mode: OverflowMode, _ context: String) throws -> PromptResult? {
        do {
            return try renderer.render(input, budget: budget, overflow: mode)
        } catch .overBudget(let needed, let reported, _, _) {
            #expect(mode == .fail && reported == budget && needed > 0, "\(context)")
            return nil
        } catch .budgetBelowMinimum(let needed, _) {
            #expect(needed > budget, "\(context)")
            return nil
        } catch {
            Issue.record("\(context): \(error)")
            return nil
        }
    }
}

extension PromptResult {
    /// Keys of every item shown, whole or truncated.
    var kept: Set<String> {
        var keys = Set<String>()
        for section in report.sections {
            let omitted = Set(section.omittedItems.map(\.key))
            for key in section.allKeys where !omitted.contains(key) { keys.insert(key) }
        }
        return keys
    }
}
