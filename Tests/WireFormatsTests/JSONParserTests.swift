import Foundation
import Testing
@testable import WireFormats

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5, 1e3, true, false, null], "b": {"c": "d"}, "e": 9223372036854775807} "#)
        #expect(value == .object([
            "a": .array([.integer(1), .number(-2.5), .number(1000), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]),
            "e": .integer(Int64.max),
        ]))
        #expect(try parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try parse("\"naïve 日本\"") == .string("naïve 日本"))
    }

    @Test func agreesWithFoundationOnTheGoldenInputs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("examples/alex.json"))
        let foundation = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(try JSONParser.parse(Array(data)) == foundation)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "tru", "\"\\x\"", "\"\u{1}\"", "\"abc",
        "\"\\ud83d\"", "\"\\ude00\"", "1 2", "[1e999]", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func rejectsMalformedDocuments(text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }
}
