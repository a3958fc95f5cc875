import Foundation
import PromptCompiler
import Testing
import Tokenization

/// `PrettyJSON` writes the bytes `JSONEncoder` writes for the same values.
@Suite struct PrettyJSONTests {
    /// What `JSONEncoder` gives with the options `PrettyJSON` reproduces.
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Sample: Encodable {
        let text: String
        let empty: [String] = []
        let nested: [[Int]] = [[], [1, -2]]
        let counts: [String: Int]
        let missing: Int?
        let flag = true

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(empty, forKey: .empty)
            try container.encode(nested, forKey: .nested)
            try container.encode(counts, forKey: .counts)
            try container.encode(missing, forKey: .missing)
            try container.encode(flag, forKey: .flag)
        }

        enum CodingKeys: String, CodingKey { case text, empty, nested, counts, missing, flag }

        var pretty: PrettyJSON {
            .object([
                ("text", .string(text)), ("empty", .array([])),
                ("nested", .array([.array([]), .array([.integer(1), .integer(-2)])])),
                ("counts", .object(counts.map { ($0.key, .integer($0.value)) })),
                ("missing", .optional(missing, PrettyJSON.integer)), ("flag", .bool(flag)),
            ])
        }
    }

    @Test func everyASCIICharacterAndSomeOthersAreWrittenAsJSONEncoderWritesThem() throws {
        var text = String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) }))
        text += "é東京🙂\u{2028}\u{2029}\u{FEFF}\u{202E}/</script>"
        let sample = Sample(text: text, counts: ["b": 1, "B": 2, "a_b": 3, "ab": 4, "a10": 5, "a9": 6, "": 7],
                            missing: nil)
        #expect(sample.pretty.text == (try Self.encoded(sample)))
    }

    /// The word-at-a-time scan finds an escape at every offset of a word, next to ASCII and non-ASCII text.
    @Test func escapesAreFoundAtEveryOffset() throws {
        for length in 1...24 {
            for offset in 0..<length {
                for special: UInt8 in [0x00, 0x0A, 0x1F, 0x22, 0x5C] {
                    for filler in ["x", "é"] {
                        var scalars = Array(String(repeating: filler, count: length).unicodeScalars)
                        scalars[offset] = Unicode.Scalar(special)
                        let text = String(String.UnicodeScalarView(scalars))
                        #expect(PrettyJSON.string(text).text == (try Self.encoded([text])).dropFirst(4).dropLast(2),
                                "\(text.debugDescription)")
                    }
                }
            }
        }
        // Bytes next to the special ones that word arithmetic could confuse with them: none is escaped.
        let near = String(decoding: [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0xC2, 0xA0, 0x41, 0x42], as: UTF8.self)
        #expect(PrettyJSON.string(near).text == "\"" + near + "\"")
    }

    /// Integers are written digit by digit: the same text as `JSONEncoder`'s, at the edges too.
    @Test func integersAreWrittenAsJSONEncoderWritesThem() throws {
        let numbers = [0, 1, -1, 9, 10, -10, 99, 100, 1_234_567, -987_654_321, Int.max, Int.min, Int.min + 1]
        #expect(PrettyJSON.array(numbers.map(PrettyJSON.integer)).text == (try Self.encoded(numbers)))
    }

    @Test func emptyContainersAtTheTopLevelMatch() throws {
        #expect(PrettyJSON.array([]).text == (try Self.encoded([Int]())))
        #expect(PrettyJSON.object([]).text == (try Self.encoded([String: Int]())))
    }

    @Test func reportsOfTheTypicalInputMatchAtEveryBudget() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        for budget in [120, 300, 600, 2_000] {
            let report = try renderer.render(Fixtures.typical, budget: budget, overflow: .cutWithMarker).report
                .noting(["a note with \"quotes\", a tab\tand a line\nbreak"])
            #expect(report.json() == (try Self.encoded(report)) + "\n", "budget \(budget)")
        }
    }

    /// The report and the blocks list their members in key order, so writing them sorts nothing (the
    /// writer still sorts what is out of order: this guards the speed, not the bytes).
    @Test func reportsAndBlocksListTheirMembersInKeyOrder() throws {
        func unsortedObjects(_ value: PrettyJSON, path: String) -> [String] {
            switch value {
            case .array(let elements):
                return elements.enumerated().flatMap { unsortedObjects($1, path: path + "[\($0)]") }
            case .object(let members):
                let keys = members.map(\.key)
                let here = keys == keys.sorted() ? [] : [path + " " + keys.joined(separator: ",")]
                return here + members.flatMap { unsortedObjects($0.value, path: path + "." + $0.key) }
            default:
                return []
            }
        }
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        let result = try renderer.render(Fixtures.typical, budget: 300, overflow: .cutWithMarker)
        let report = result.report.noting(["a note"])
        #expect(unsortedObjects(report.prettyJSON, path: "report") == [])
        #expect(unsortedObjects(.array(result.blocks.map(\.prettyJSON)), path: "blocks") == [])
        #expect(report.sections.contains { $0.omittedItems.count > 0 }, "some object of omitted items is checked")
    }
}
