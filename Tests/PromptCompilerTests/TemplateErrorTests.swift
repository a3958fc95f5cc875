import PromptCompiler
import Testing

@Suite struct TemplateErrorTests {
    static let valid = """
        ---
        name: t
        budget: 100
        sections:
          - id: facts
            heading: Facts
            item: "- {{value}}"
        ---
        # Memory
        {{#sections}}

        ## {{heading}}
        {{#items}}
        {{{item}}}
        {{/items}}
        {{/sections}}

        """

    func error(_ source: String) -> TemplateError? {
        do {
            _ = try PromptTemplate(source: source, file: "t.md")
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidTemplateCompiles() throws {
        let template = try PromptTemplate(source: Self.valid, file: "t.md")
        #expect(template.name == "t")
        #expect(template.sections.map(\.id) == ["facts"])
    }

    @Test func badYAMLNamesTheLine() {
        let e = error(Self.valid.replacingOccurrences(of: "budget: 100", with: "budget: [100"))
        #expect(e?.line != nil && e!.line! >= 3)
        guard case .invalidYAML? = e?.problem else { Issue.record("expected invalidYAML, got \(String(describing: e))"); return }
    }

    @Test func sectionWithoutHeadingNamesTheLine() {
        let e = error(Self.valid.replacingOccurrences(of: "    heading: Facts\n", with: ""))
        #expect(e?.problem == .sectionWithoutHeading("facts"))
        #expect(e?.line == 5)
        #expect(e?.description.hasPrefix("t.md:5: ") == true)
    }

    @Test func unknownSectionInTheBodyNamesTheLine() {
        let e = error(Self.valid.replacingOccurrences(of: "# Memory\n", with: "# Memory\n{{#factz}}x{{/factz}}\n"))
        #expect(e?.problem == .unknownSection("factz"))
        #expect(e?.line == 10)
    }

    @Test func unknownCacheBreakpointIsAnUnknownSection() {
        let e = error(Self.valid.replacingOccurrences(of: "budget: 100\n", with: "budget: 100\ncache_breakpoint: nope\n"))
        #expect(e?.problem == .unknownSection("nope"))
        #expect(e?.line == 4)
    }

    @Test func mustacheSyntaxErrorNamesTheLine() {
        let e = error(Self.valid.replacingOccurrences(of: "{{/items}}", with: "{{/itemz}}"))
        guard case .mustache? = e?.problem else { Issue.record("expected a Mustache error, got \(String(describing: e))"); return }
        #expect(e?.line == 15)
    }

    @Test func tripleMustacheInAnItemTemplateIsRefused() {
        let e = error(Self.valid.replacingOccurrences(of: "\"- {{value}}\"", with: "\"- {{{value}}}\""))
        guard case .unsafeTag? = e?.problem else { Issue.record("expected unsafeTag, got \(String(describing: e))"); return }
        #expect(e?.line == 7)
    }

    @Test func escapedRenderedItemsAreRefused() {
        let e = error(Self.valid.replacingOccurrences(of: "{{{item}}}", with: "{{item}}"))
        guard case .unsafeTag? = e?.problem else { Issue.record("expected unsafeTag, got \(String(describing: e))"); return }
    }

    @Test func missingFrontMatterIsReported() {
        #expect(error("# just markdown\n")?.problem == .missingFrontMatter)
    }

    @Test func itemsJoinedOnOneLineFailTheLayoutCheck() {
        let e = error(Self.valid.replacingOccurrences(of: "{{#items}}\n{{{item}}}\n{{/items}}", with: "{{#items}}{{{item}}} {{/items}}"))
        guard case .layout? = e?.problem else { Issue.record("expected layout, got \(String(describing: e))"); return }
    }

    @Test func floorAboveCapIsInconsistent() {
        let e = error(Self.valid.replacingOccurrences(of: "    heading: Facts\n", with: "    heading: Facts\n    floor: 50\n    cap: 10\n"))
        guard case .inconsistentRules? = e?.problem else { Issue.record("expected inconsistentRules, got \(String(describing: e))"); return }
    }

    @Test func bothShippedTemplatesCompile() throws {
        #expect(try Fixtures.template("working-memory").cacheBreakpoint == "told")
        #expect(try Fixtures.template("yarnnn-v1").sections.count == 7)
    }
}
