import PromptCompiler
import Testing
import Tokenization

@Suite struct AllocatorTests {
    let renderer: PromptRenderer

    init() throws {
        renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: try TokenizerKind.o200kBase.makeCounter())
    }

    func activity(_ count: Int) -> PromptInput {
        var input = Fixtures.typical
        input.sections["activity"] = PromptSection(items: (0..<count).map {
            Fixtures.item("activity:\($0)", ["time": "2024-05-01 10:\($0 % 60)", "summary": "Synced slack/general: \($0) items from the planning threads"])
        })
        return input
    }

    @Test func aSectionNeverExceedsItsCapAndSaysWhatItLeftOut() throws {
        let result = try renderer.render(activity(100), budget: 100_000)
        let section = try #require(result.report.sections.first { $0.id == "activity" })
        #expect(section.tokens <= 300)
        #expect(section.omitted[.cap] ?? 0 > 0)
        #expect(section.note)
        let omitted = (section.omitted[.cap] ?? 0) + (section.omitted[.budget] ?? 0)
        #expect(result.markdown.contains("… and \(omitted) older events not shown."))
        #expect(section.kept + omitted == 100)
    }

    @Test func theNoteIsCountedWithinTheBudget() throws {
        for budget in stride(from: 330, through: 900, by: 7) {
            let result = try renderer.render(activity(30), budget: budget)
            #expect(result.tokens <= budget)
            #expect(result.report.headroom == budget - result.tokens)
        }
    }

    @Test func limitExclusionsAreReportedAndCountedInTheNote() throws {
        var input = Fixtures.typical
        input.sections["conversations"]?.excludedByLimit = 4
        let result = try renderer.render(input)
        let section = try #require(result.report.sections.first { $0.id == "conversations" })
        #expect(section.omitted[.limit] == 4)
        #expect(result.markdown.contains("… and 4 older conversations not shown."))
    }

    @Test func requiredContentThatDoesNotFitIsAnErrorNamingNeedAndBudget() throws {
        #expect(throws: PromptCompileError.self) { try renderer.render(Fixtures.typical, budget: 200) }
        do {
            _ = try renderer.render(Fixtures.typical, budget: 200)
        } catch .overBudget(let needed, let budget, let sections, _) {
            #expect(budget == 200 && needed > 200 && sections == ["profile"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theExplicitOverflowModeCutsWithAVisibleMarker() throws {
        let result = try renderer.render(Fixtures.typical, budget: 200, overflow: .cutWithMarker)
        #expect(result.tokens <= 200)
        #expect(result.report.overflowCut)
        #expect(result.markdown.hasSuffix("… (working memory cut to fit its token budget)\n"))
    }

    @Test func inputTheTemplateCannotPlaceIsAnError() throws {
        var input = Fixtures.typical
        input.sections["unknown"] = PromptSection()
        #expect(throws: PromptCompileError.unknownSection("unknown")) { try renderer.render(input) }
        var badKind = Fixtures.typical
        badKind.sections["told"]?.items.append(Fixtures.item("x", ["kind": "rumour", "value": "v"]))
        #expect(throws: PromptCompileError.unknownKind(section: "told", kind: "rumour", key: "x")) { try renderer.render(badKind) }
    }

    @Test func itemsThatRenderNothingAreReportedEmpty() throws {
        var input = Fixtures.typical
        input.sections["told"]?.items.insert(Fixtures.item("blank", ["kind": "fact", "value": "\u{200B}\n\t"]), at: 0)
        let result = try renderer.render(input)
        let section = try #require(result.report.sections.first { $0.id == "told" })
        #expect(section.omitted[.empty] == 1)
        #expect(section.omittedItems == [OmittedItem(key: "blank", reason: .empty)])
    }

    @Test func theReportPrintsAsATable() throws {
        let table = try renderer.render(Fixtures.typical).report.table()
        #expect(table.contains("activity"))
        #expect(table.contains("tokens of 2000"))
    }

    @Test func aHundredThousandItemsRenderOnlyWhatFits() throws {
        let result = try renderer.render(activity(100_000), budget: 2_000)
        let section = try #require(result.report.sections.first { $0.id == "activity" })
        #expect(section.available == 100_000)
        #expect(section.kept + (section.omitted[.cap] ?? 0) + (section.omitted[.budget] ?? 0) == 100_000)
        #expect(result.tokens <= 2_000)
    }
}
