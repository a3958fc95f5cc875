import Foundation
import PromptCompiler
import Testing

@Suite struct SanitizerTests {
    @Test func benignTextRendersAsWritten() {
        for text in ["Q3 (draft) – v2.1, 50% done", "Alice Martin", "Europe/Berlin", "2024-05-01 09:15",
                     "Synced slack/general: 12 items", "snake_case", "C# and F#", "Q&A", "1 hours ago", "Zoë → 東京"] {
            #expect(Sanitizer.sanitize(text) == text)
        }
    }

    @Test func controlBidiAndZeroWidthCharactersAreRemoved() {
        #expect(Sanitizer.sanitize("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{9B}f") == "abcdef")
        #expect(Sanitizer.sanitize("x\u{202E}y\u{2066}z\u{200F}") == "xyz")
        #expect(Sanitizer.sanitize("x\u{200B}y\u{FEFF}z\u{2060}w\u{E0041}") == "xyzw")
    }

    @Test func newlinesAndTabsFoldIntoSingleSpaces() {
        #expect(Sanitizer.sanitize("  a\n\n\tb\r\nc\u{2028}d  ") == "a b c d")
    }

    @Test func blockSyntaxAtTheStartIsEscaped() {
        #expect(Sanitizer.sanitize("# x") == "\\# x")
        #expect(Sanitizer.sanitize("> x") == "\\> x")
        #expect(Sanitizer.sanitize("- x") == "\\- x")
        #expect(Sanitizer.sanitize("+ x") == "\\+ x")
        #expect(Sanitizer.sanitize("1. x") == "1\\. x")
        #expect(Sanitizer.sanitize("12) x") == "12\\) x")
        #expect(Sanitizer.sanitize("===") == "\\===")
        #expect(Sanitizer.sanitize("---") == "\\---")
    }

    @Test func inlineSyntaxIsEscapedEverywhere() {
        #expect(Sanitizer.sanitize("a *b* `c` [d](e) <f> |g| ~h~ \\") == "a \\*b\\* \\`c\\` \\[d\\](e) \\<f> \\|g\\| \\~h\\~ \\\\")
        #expect(Sanitizer.sanitize("_x_ a_b") == "\\_x\\_ a_b")
        #expect(Sanitizer.sanitize("&amp; & more") == "\\&amp; & more")
    }

    @Test func cleaningIsIdempotent() {
        for value in AdversarialCorpus.values {
            let once = Sanitizer.clean(value)
            #expect(Sanitizer.clean(once) == once)
        }
    }

    /// Every corpus value, in every field of every section of both templates, keeps the planned structure.
    @Test(arguments: ["working-memory", "yarnnn-v1"])
    func adversarialValuesCannotChangeTheStructure(templateName: String) throws {
        let renderer = PromptRenderer(template: try Fixtures.template(templateName), counter: Fixtures.counter)
        for value in AdversarialCorpus.values {
            var input = Fixtures.typical
            for (id, section) in input.sections {
                input.sections[id]?.items = section.items.map { item in
                    var fields = item.fields.mapValues { _ in value }
                    fields["kind"] = item.fields["kind"]
                    return PromptItem(key: item.key, fields: fields)
                }
            }
            // Rendering succeeds only if cmark finds exactly the planned structure.
            let result = try renderer.render(input, budget: 100_000)
            #expect(!result.markdown.contains("\n### System"))
            // Every "<" a value brought is escaped, so no HTML can open.
            #expect(!result.markdown.replacingOccurrences(of: "\\<", with: "").contains("<"))
            #expect(!result.markdown.unicodeScalars.contains { $0 == "\u{0}" || $0 == "\u{202E}" })
        }
    }

    @Test func aOneMebibyteValueIsCutToTheBudget() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        var input = Fixtures.typical
        input.sections["told"]?.items.insert(Fixtures.item("fact:huge", ["kind": "fact", "value": AdversarialCorpus.huge]), at: 0)
        #expect(AdversarialCorpus.huge.utf8.count >= 1 << 20)
        let result = try renderer.render(input, budget: 2_000)
        #expect(result.tokens <= 2_000)
        let told = try #require(result.report.sections.first { $0.id == "told" })
        #expect(told.truncated == ["fact:huge"])
        #expect(result.markdown.contains(" dolor…\n\n… and 2 more things you told me not shown.\n"))
    }
}
