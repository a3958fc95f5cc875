import Foundation
import PromptCompiler
import SourceData
import Testing
import Tokenization
import WireFormats
@testable import WorkingMemory

/// Every shown item names source rows that exist in the input and hold what its line shows.
@Suite struct ProvenanceTests {
    static let root = GoldenInputTests.root
    static let counter: any TokenCounter = try! TokenizerKind.o200kBase.makeCounter()

    /// Each golden snapshot input with its template and budgets, as its case renders it.
    static let cases: [(name: String, template: String, budgets: [Int?])] = GoldenInputTests.inputs.compactMap { name in
        let url = root.appendingPathComponent("golden/\(name)/case.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONParser.parse([UInt8](data)),
              case .string(let template)? = value["template"], case .array(let budgets)? = value["budgets"] else { return nil }
        return (name, template, budgets.map { budget -> Int? in
            if case .integer(let number)? = budget["budget"] { return Int(number) }
            return nil
        })
    }

    static func render(_ name: String, template: String, budget: Int?) throws -> (Snapshot, WorkingMemoryRendering)? {
        let snapshot = try SnapshotFileSource(contentsOf: root.appendingPathComponent("golden/\(name)/input.json")).snapshot
        let compiled = try PromptTemplate(contentsOfFile: root.appendingPathComponent("templates/\(template).md").path)
        let renderer = WorkingMemoryRenderer(template: compiled, counter: counter)
        do {
            return (snapshot, try renderer.render(SourceResult(snapshot: snapshot), now: snapshot.now!, budget: budget,
                                                  overflow: .cutWithMarker))
        } catch {
            return nil // a budget below the template's minimum: nothing is shown, nothing to trace
        }
    }

    @Test func theGoldenInputsAreAllHere() {
        #expect(Self.cases.count == GoldenInputTests.inputs.count)
        #expect(Self.cases.count >= 19)
    }

    @Test(arguments: cases.map(\.name))
    func everyShownItemNamesRowsOfTheInputThatHoldWhatItShows(name: String) throws {
        let entry = try #require(Self.cases.first { $0.name == name })
        for budget in entry.budgets {
            guard let (snapshot, rendering) = try Self.render(name, template: entry.template, budget: budget) else { continue }
            let lines = rendering.lines
            let shownCount = rendering.report.sections.reduce(0) { $0 + $1.shownItems.count }
            var items = 0
            for line in lines {
                guard case .item(let section, let key, let truncated, _, let named) = line.origin else { continue }
                items += 1
                let source = try #require(named, "\(name) \(key) has no source")
                #expect(!source.rows.isEmpty, "\(name) \(key)")
                for row in source.rows {
                    let values = try #require(Self.values(of: row, in: snapshot), "\(name): \(row.description) is not in the input")
                    for value in values where !Self.words(value).isEmpty {
                        // The line shows the value: its first word always (a cut keeps at least one), all its
                        // words when shown whole (the sanitizer escapes punctuation, never letters or digits).
                        let shown = Self.words(line.text)
                        let expected = truncated || section == "conversations" ? Array(Self.words(value).prefix(1)) : Self.words(value)
                        #expect(expected.allSatisfy(shown.contains), "\(name) line \(line.number) \(key): \(value) not in \(line.text)")
                    }
                }
            }
            #expect(items == shownCount, "\(name) budget \(budget.map(String.init) ?? "default"): every shown item is one line")
            // Notes name items of the input.
            for line in lines {
                guard case .note(let section, let summary) = line.origin else { continue }
                let keys = rendering.report.sections.first { $0.id == section }?.allKeys ?? []
                for omitted in summary.omitted { #expect(keys.contains(omitted.key)) }
                #expect(summary.omitted.count + summary.excludedByLimit > 0, "\(name): a note counts something")
            }
        }
    }

    @Test func theJSONListsEveryItemAndNoteWithItsLine() throws {
        let (_, rendering) = try #require(try Self.render("snapshot-alex", template: "working-memory", budget: 450))
        let value = try JSONParser.parse(rendering.jsonUTF8)
        guard case .array(let entries)? = value["provenance"], case .string(let markdown)? = value["markdown"] else {
            Issue.record("no provenance")
            return
        }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var kinds: [String: Int] = [:]
        for entry in entries {
            guard case .string(let kind)? = entry["kind"], case .integer(let number)? = entry["line"] else { continue }
            kinds[kind, default: 0] += 1
            let text = String(lines[Int(number) - 1])
            if kind == "note" { #expect(text.hasPrefix("…"), "\(text)") } else { #expect(text.hasPrefix("- "), "\(text)") }
        }
        #expect(kinds["item"] == rendering.report.sections.reduce(0) { $0 + $1.shownItems.count })
        #expect((kinds["note"] ?? 0) == rendering.report.sections.filter(\.note).count)
    }

    @Test func anItemThatJoinsRowsNamesEachOne() throws {
        let (_, rendering) = try #require(try Self.render("snapshot-alex", template: "working-memory", budget: nil))
        let nameLine = try #require(rendering.lines.first { if case .item(_, "profile:name", _, _, _) = $0.origin { true } else { false } })
        guard case .item(_, _, _, _, let source?) = nameLine.origin else { Issue.record("no source"); return }
        #expect(source.rows.map(\.key) == ["name", "role", "company"])
        #expect(source.rows.allSatisfy { $0.table == .userContext && $0.columns == ["value"] })
    }

    @Test func aFreshnessLineSaysItIsComputed() throws {
        let (_, rendering) = try #require(try Self.render("snapshot-platform-freshness", template: "working-memory", budget: nil))
        let computed = rendering.lines.compactMap { line -> String? in
            guard case .item("platforms", _, _, _, let source?) = line.origin else { return nil }
            return source.computed
        }
        #expect(!computed.isEmpty)
        #expect(computed.allSatisfy { $0.hasPrefix("sync freshness: last_synced_at relative to now (") })
    }

    @Test func lineCostsAddUpToTheBlockUnderO200k() throws {
        for (name, template, budgets) in Self.cases {
            for budget in budgets {
                guard let (_, rendering) = try Self.render(name, template: template, budget: budget) else { continue }
                #expect(rendering.lineCosts().count == rendering.lines.count, "\(name)")
                #expect(rendering.lineCosts().reduce(0) { $0 + ($1 ?? 0) } == rendering.result.tokens, "\(name)")
            }
        }
    }

    /// The values `row` names in `snapshot`, one per column shown; nil when the row is not there.
    static func values(of row: SourceRow, in snapshot: Snapshot) -> [String]? {
        switch row.table {
        case .userContext:
            guard let found = snapshot.userContext.first(where: { $0.key == row.key && (row.id == nil || $0.id == row.id) }) else { return nil }
            return [found.value]
        case .deliverables:
            guard let found = snapshot.deliverables.first(where: { $0.id == row.id }) else { return nil }
            var values = [found.title]
            if case .string(let frequency)? = found.schedule["frequency"] { values.append(frequency) }
            if case .string(let name)? = found.recipientContext?["name"] { values.append(name) }
            return values
        case .platformConnections:
            guard let found = snapshot.platformConnections.first(where: { $0.platform == row.key && $0.id == row.id }) else { return nil }
            return row.columns.contains("last_synced_at") ? [found.platform] : [found.platform, found.status ?? "unknown"]
        case .chatSessions:
            guard let found = snapshot.chatSessions.first(where: { $0.id == row.id }) else { return nil }
            return [found.summary ?? ""]
        case .activityLog:
            guard let found = snapshot.activityLog.first(where: { $0.id == row.id }) else { return nil }
            return [found.summary]
        }
    }

    /// The runs of letters and digits of `text`.
    static func words(_ text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
