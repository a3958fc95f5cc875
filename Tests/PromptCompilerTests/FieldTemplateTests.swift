@testable import PromptCompiler
import Testing
import SeededRandom

/// Item templates whose tags name single fields render straight from the fields, exactly as swift-mustache does.
@Suite struct FieldTemplateTests {
    static let fieldTemplates = [
        "- {{a}} ({{b}}) → {{c}}",
        "{{#a}}A={{a}}{{/a}}{{^a}}no a{{/a}} {{{b}}}|{{#b}}{{#c}}{{c}}{{b}}{{/c}}{{/b}}{{^c}}{{^b}}none{{/b}}{{/c}}",
        "{{#a}}{{#a}}{{a}}{{/a}}{{/a}}{{{c}}}{{missing}}{{#j}}[{{j}}]{{/j}}",
    ]

    @Test(arguments: fieldTemplates)
    func fieldTemplatesRenderWhatSwiftMustacheRenders(source: String) throws {
        let compiled = CompiledMustache(try MarkdownMustache.compile(source))
        #expect(compiled.fast?.fieldTemplate != nil)
        var random = SeededGenerator(seed: 0xF1E1D)
        let values = ["", "x", "Q3 (draft) – v2.1", "*bold* [link](x)", "# heading", "a\nb", " lead", "<b>", "1. one"]
        // Up to ten fields: more than eight are looked up by hashing, fewer by comparing names.
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        var sawMany = false
        for _ in 0..<1_000 {
            var fields: [String: String] = [:]
            for name in names where Bool.random(using: &random) { fields[name] = values.randomElement(using: &random)! }
            sawMany = sawMany || fields.count > 8
            #expect(compiled.render(.fields(fields)) == compiled.renderWithReference(.fields(fields)))
            let cleaned = SectionPlan.cleanedFields(fields)
            #expect(compiled.render(.fields(cleaned), textIsClean: true) == compiled.renderWithReference(.fields(cleaned)))
        }
        #expect(sawMany)
    }

    @Test(arguments: ["{{#a}}{{.}}{{/a}}", "{{a.b}}", "{{#a.b}}x{{/a.b}}", "{{^.}}x{{/.}}"])
    func dotsAndDottedNamesTakeTheGeneralPath(source: String) throws {
        let compiled = CompiledMustache(try MarkdownMustache.compile(source))
        #expect(compiled.fast != nil)
        #expect(compiled.fast?.fieldTemplate == nil)
        for fields in [[:], ["a": "x"], ["a": "x", "b": "y"]] as [[String: String]] {
            #expect(compiled.render(.fields(fields)) == compiled.renderWithReference(.fields(fields)))
        }
    }
}
