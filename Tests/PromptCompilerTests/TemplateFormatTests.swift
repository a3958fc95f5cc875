import PromptCompiler
import Testing

@Suite struct TemplateFormatTests {
    @Test func v1ReproducesTheReferenceFormatByteForByte() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("yarnnn-v1"), counter: Fixtures.counter)
        var input = Fixtures.typical
        input.sections["deliverables"]?.excludedByLimit = 2
        let result = try renderer.render(input, budget: 100_000)
        let expected = """
            ## Working Memory

            ### About you
            **Alice Martin** (Product manager) at Acme
            Timezone: Europe/Berlin
            Leads the platform team; prefers concise answers with examples.

            ### Your preferences
            - **slack**: tone: casual, verbosity: brief
            - Prefers: bullet points over prose

            ### What you've told me
            - Drinks coffee black
            - Note: Answer in English unless asked otherwise

            ### Active deliverables
            - Weekly report (weekly) → Bob
            - Q3 (draft) – v2.1, 50% done (monthly) → unspecified
              ... and 2 more active deliverables

            ### Connected platforms
            - gmail: fresh
            - slack: 1 hours ago

            ### Recent conversations
            - 2024-05-01: Planned the Q3 roadmap

            ### Recent activity
            - 2024-05-02 09:15 · Weekly report v3 generated (delivered)
            - 2024-05-01 17:40 · Synced slack/general: 12 items
            """
        #expect(result.markdown == expected)
    }

    @Test func v1WithoutProfileHasTwoEmptyLinesAndWithoutDataOnlyTheHeader() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("yarnnn-v1"), counter: Fixtures.counter)
        #expect(try renderer.render(PromptInput()).markdown == "## Working Memory\n")
        let input = PromptInput(sections: ["told": PromptSection(items: [Fixtures.item("f", ["kind": "fact", "value": "x"])])])
        #expect(try renderer.render(input).markdown == "## Working Memory\n\n\n### What you've told me\n- x")
    }

    @Test func defaultTemplateRendersEverySection() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        let result = try renderer.render(Fixtures.typical)
        #expect(result.markdown.hasPrefix("## Working Memory\n\n### About you\n- Name: **Alice Martin**, Product manager at Acme\n"))
        #expect(result.markdown.hasSuffix("- 2024-05-01 17:40 · Synced slack/general: 12 items\n"))
        #expect(result.blocks.map(\.markdown).joined() == result.markdown)
        #expect(result.tokens <= 2000)
    }
}
