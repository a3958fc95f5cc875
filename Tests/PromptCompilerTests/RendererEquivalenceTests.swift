@testable import PromptCompiler
import Testing
import SeededRandom

/// The fast Mustache interpreter renders exactly what swift-mustache renders, on random data.
@Suite struct RendererEquivalenceTests {
    @Test(arguments: ["working-memory", "yarnnn-v1"])
    func itemsNotesAndBodiesMatchSwiftMustache(templateName: String) throws {
        let template = try Fixtures.template(templateName)
        var random = RandomInputs(generator: SeededGenerator(seed: 0xFA57))
        for _ in 0..<1_000 {
            let input = random.input()
            var rendered: [RenderedSection] = []
            for plan in template.sections {
                let items = try (input.sections[plan.id]?.items ?? []).map { item in
                    let fields = SectionPlan.cleanedFields(item.fields)
                    let fast = try plan.renderItem(fields)
                    #expect(fast == (try plan.renderItem(fields, reference: true)))
                    // The path renders take: fields already cleaned, looked up without `MustacheValue`s.
                    #expect(fast == (try plan.renderItem(fields, cleaned: true)))
                    return fast
                }
                let omitted = random.int(0...3)
                let note = omitted > 0 ? plan.renderNote(omitted: omitted) : nil
                if !items.isEmpty { rendered.append(RenderedSection(plan: plan, items: items, note: note, omitted: omitted)) }
            }
            #expect(template.renderBody(rendered) == template.renderBody(rendered, reference: true))
        }
    }
}

extension RendererEquivalenceTests {
    /// Bodies that ask the compiler's own values for every name they answer, in every kind of tag (not for
    /// whole objects or lists as text: both renderers print those in their dictionaries' hash order).
    static let bodies = [
        "{{#sections}}[{{id}}|{{heading}}|{{kept}}|{{omitted}}]{{#items}}({{#first}}F{{/first}}{{item}}{{^last}},{{/last}}{{#last}}L{{/last}}){{/items}}{{^items}}none{{/items}}{{#note}}<{{note}}>{{/note}}{{^note}}-{{/note}}{{/sections}}",
        "{{^sections}}empty{{/sections}}{{#told}}{{heading}}:{{told.kept}}{{#items}}{{{item}}};{{/items}}{{/told}}{{activity.heading}}{{#activity}}{{#heading}}{{.}}{{/heading}}{{missing}}{{id.x}}{{/activity}}",
        "{{#sections}}{{#items}}{{sections.0}}{{first}}{{last}}{{kept}}{{/items}}{{^items}}{{first}}{{/items}}{{/sections}}",
    ]

    @Test(arguments: bodies)
    func bodiesAskingForEveryNameMatchSwiftMustache(body: String) throws {
        let compiled = CompiledMustache(try MarkdownMustache.compile(body))
        #expect(compiled.fast != nil)
        let template = try Fixtures.template("working-memory")
        var random = RandomInputs(generator: SeededGenerator(seed: 0xB0D1))
        for round in 0..<200 {
            let input = random.input()
            var rendered: [RenderedSection] = []
            for plan in template.sections {
                let items = try (input.sections[plan.id]?.items ?? []).map { try plan.renderItem(SectionPlan.cleanedFields($0.fields)) }
                let omitted = random.int(0...2)
                // Sections without items too: the compiler never passes them, but the values must still agree.
                if !items.isEmpty || round % 3 == 0 {
                    rendered.append(RenderedSection(plan: plan, items: items, note: omitted > 0 ? plan.renderNote(omitted: omitted) : nil, omitted: omitted))
                }
            }
            let context = MustacheValue.body(BodySections(rendered))
            #expect(compiled.render(context) == compiled.renderWithReference(context))
        }
    }
}

/// The sanitizer's allocation-free fast paths agree with the full passes.
@Suite struct SanitizerFastPathTests {
    @Test func fastPathsAgreeWithTheFullPasses() {
        var random = RandomInputs(generator: SeededGenerator(seed: 0x5A))
        let alphabet: [String] = ["a", " ", "  ", "\n", "\t", "#", "-", "1", ".", "_", "&", "*", "\u{202E}", "\u{200B}", "é", "→",
                                  "\u{0}", "\u{85}", "x_y", "&amp;", "\\", "|", "`", "~", "<", "[", "]", "=", "+", ">", "\u{E0041}"]
        for _ in 0..<20_000 {
            let value = (0..<random.int(0...8)).map { _ in alphabet.randomElement(using: &random.generator)! }.joined()
            #expect(Sanitizer.clean(value) == Sanitizer.cleanScalars(value), "\(value.debugDescription)")
            let cleaned = Sanitizer.cleanScalars(value)
            #expect(Sanitizer.escape(cleaned) == Sanitizer.escapeScalars(cleaned), "\(cleaned.debugDescription)")
        }
    }

    /// Values starting with digits (dates, times, counts, "1." list markers) take the fast path only when safe.
    @Test func digitStartsAgreeWithTheFullPass() {
        var random = RandomInputs(generator: SeededGenerator(seed: 0xD1))
        let alphabet: [String] = ["0", "1", "9", "12345", "2024-05-02", ".", ")", " ", "a", "-", ":", "_", "(", "١"]
        for _ in 0..<20_000 {
            let value = (0..<random.int(1...14)).map { _ in alphabet.randomElement(using: &random.generator)! }.joined()
            let cleaned = Sanitizer.cleanScalars(value)
            #expect(Sanitizer.escape(cleaned) == Sanitizer.escapeScalars(cleaned), "\(cleaned.debugDescription)")
        }
        #expect(Sanitizer.escape("2024. A year") == "2024\\. A year")
        #expect(Sanitizer.escape("12345678901. x") == "12345678901. x")
        #expect(Sanitizer.escape("2024-05-02 09:10") == "2024-05-02 09:10")
    }
}
