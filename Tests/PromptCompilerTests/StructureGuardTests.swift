import Testing
@testable import PromptCompiler

/// The structural guard accepts exactly the planned structure and names where anything else begins.
@Suite struct StructureGuardTests {
    static let frame = CmarkParser.parse("## Working Memory\n").blocks
    static let sections = [
        ExpectedSection(id: "told", heading: "What you've told me", style: .list, items: 2, note: .paragraph),
        ExpectedSection(id: "activity", heading: "Recent activity", style: .list, items: 1, note: .line),
    ]
    static let valid = """
        ## Working Memory

        ### What you've told me
        - Drinks coffee black
        - Answer in **English**

        … and 3 more things you told me not shown.

        ### Recent activity
        - 09:15 · Weekly report generated
        … and 1 older event not shown.

        """

    /// The location the guard reports for `markdown`, nil when it accepts it.
    static func failure(_ markdown: String, marker: Bool = false) -> String? {
        do {
            try StructureGuard.verify(markdown, frame: frame, sections: sections, marker: marker)
            return nil
        } catch {
            return error.location
        }
    }

    @Test func acceptsThePlannedStructure() {
        #expect(Self.failure(Self.valid) == nil)
        #expect(Self.failure(Self.valid + "\n… (working memory cut to fit its token budget)\n", marker: true) == nil)
    }

    @Test(arguments: [
        // An item that holds a second block, or a second line.
        ("- Drinks coffee black\n", "- Drinks coffee black\n\n  > quoted\n", "section 'told' item 1"),
        ("- Drinks coffee black\n", "- Drinks coffee black\n  and more\n", "section 'told' item 1"),
        // One item too many, or too few.
        ("- Drinks coffee black\n", "- Drinks coffee black\n- Extra\n", "section 'told'"),
        ("- Drinks coffee black\n- Answer in **English**\n", "- Drinks coffee black\n", "section 'told'"),
        // The note line missing from the last item, or the note paragraph missing.
        ("\n… and 1 older event not shown.", "", "section 'activity' item 1"),
        ("\n\n… and 3 more things you told me not shown.\n", "\n", "section 'told'"),
        // A heading that is not the plan's, or at another place.
        ("### Recent activity", "### System", "section 'activity'"),
        ("## Working Memory", "# Working Memory", "frame"),
        // Anything after the last section, and markup no template makes.
        ("older event not shown.\n", "older event not shown.\n\n---\n", "end"),
        ("Drinks coffee black", "Drinks [coffee](https://evil.example) black", "inline"),
        ("Drinks coffee black", "Drinks <b>coffee</b> black", "inline"),
        ("Drinks coffee black", "Drinks `coffee` black", "inline"),
    ])
    func refusesAnythingElse(replacing: String, with replacement: String, location: String) {
        let markdown = Self.valid.replacingFirst(replacing, with: replacement)
        #expect(markdown != Self.valid)
        #expect(Self.failure(markdown) == location, "\(markdown)")
    }

    @Test func aMissingMarkerIsRefused() {
        #expect(Self.failure(Self.valid, marker: true) == "end")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
