import Foundation
import SeededRandom
import Testing
@testable import WireFormats

/// `JSONWriter` in each of its styles: the bytes of the formats they pin, and text that parses back.
@Suite struct JSONWriterTests {
    /// What `JSONEncoder` gives with the options the `encoderPretty` style reproduces.
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

        /// The members in key order, as `JSONEncoder` sorts them.
        func write(to writer: inout JSONWriter) {
            writer.object { writer in
                writer.member("counts") { writer in
                    writer.object { writer in
                        for (key, count) in counts.sorted(by: { $0.key < $1.key }) { writer.member(key, count) }
                    }
                }
                writer.member("empty") { $0.array(empty) { $0.string($1) } }
                writer.member("flag", flag)
                writer.member("missing", missing)
                writer.member("nested") { $0.array(nested) { writer, row in writer.array(row) { $0.integer($1) } } }
                writer.member("text", text)
            }
        }
    }

    func written(_ style: JSONStyle, _ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(style: style)
        write(&writer)
        return writer.text
    }

    @Test func everyASCIICharacterAndSomeOthersAreWrittenAsJSONEncoderWritesThem() throws {
        var text = String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) }))
        text += "é東京🙂\u{2028}\u{2029}\u{FEFF}\u{202E}/</script>"
        let sample = Sample(text: text, counts: ["b": 1, "B": 2, "a_b": 3, "ab": 4, "a10": 5, "a9": 6, "": 7],
                            missing: nil)
        #expect(written(.encoderPretty, sample.write) == (try Self.encoded(sample)))
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
                        #expect(written(.encoderPretty) { $0.string(text) } == (try Self.encoded([text])).dropFirst(4).dropLast(2),
                                "\(text.debugDescription)")
                    }
                }
            }
        }
        // Bytes next to the special ones that word arithmetic could confuse with them: none is escaped.
        let near = String(decoding: [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0xC2, 0xA0, 0x41, 0x42], as: UTF8.self)
        #expect(written(.encoderPretty) { $0.string(near) } == "\"" + near + "\"")
    }

    /// The compact and pretty styles also escape DEL, wherever it stands in a word.
    @Test func compactAndPrettyEscapeDelete() {
        for length in 1...17 {
            for offset in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[offset] = 0x7F
                let text = String(decoding: bytes, as: UTF8.self)
                let expected = "\"" + String(repeating: "a", count: offset) + "\\u007f"
                    + String(repeating: "a", count: length - offset - 1) + "\""
                #expect(written(.compact) { $0.string(text) } == expected)
                #expect(written(.pretty) { $0.string(text) } == expected)
            }
        }
    }

    /// Integers are written digit by digit: the same text as `JSONEncoder`'s, at the edges too.
    @Test func integersAreWrittenAsJSONEncoderWritesThem() throws {
        let numbers = [0, 1, -1, 9, 10, -10, 99, 100, 1_234_567, -987_654_321, Int.max, Int.min, Int.min + 1]
        #expect(written(.encoderPretty) { $0.array(numbers) { $0.integer($1) } } == (try Self.encoded(numbers)))
        #expect(written(.compact) { $0.integer(Int64.min) } == String(Int64.min))
    }

    @Test func emptyContainersInEachStyle() throws {
        #expect(written(.encoderPretty) { $0.array([Int]()) { $0.integer($1) } } == (try Self.encoded([Int]())))
        #expect(written(.encoderPretty) { $0.object { _ in } } == (try Self.encoded([String: Int]())))
        #expect(written(.pretty) { $0.object { $0.member("a") { $0.array([Int]()) { $0.integer($1) } } } } == "{\n  \"a\": []\n}")
        #expect(written(.compact) { $0.value(.object(["a": .object([:]), "b": .array([])])) } == #"{"a":{},"b":[]}"#)
    }

    /// The snapshot file's layout: two-space indentation and `"key": value`.
    @Test func prettyLaysOutAsTheSnapshotFileFormat() {
        let value: JSONValue = .object(["b": .array([1, "x", .null]), "a": .object(["c": true]), "d": .number(1.5)])
        #expect(written(.pretty) { $0.value(value) } == """
            {
              "a": {
                "c": true
              },
              "b": [
                1,
                "x",
                null
              ],
              "d": 1.5
            }
            """)
        #expect(written(.compact) { $0.value(value) } == #"{"a":{"c":true},"b":[1,"x",null],"d":1.5}"#)
    }

    /// A value's keys are written in code-point order, whatever order the dictionary holds them in.
    @Test func objectKeysAreInCodePointOrder() {
        let value: JSONValue = .object(["é": 1, "z": 2, "Z": 3, "a": 4, "": 5])
        #expect(written(.compact) { $0.value(value) } == #"{"":5,"Z":3,"a":4,"z":2,"é":1}"#)
    }

    /// Random values in every style parse back to themselves.
    @Test func randomValuesParseBackInEveryStyle() throws {
        var random = SeededGenerator(seed: 20_261_207)
        func makeValue(depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth < 4 ? 8 : 5), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return .integer(Int64.random(in: Int64.min...Int64.max, using: &random))
            case 3:
                let scalars = (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                    Unicode.Scalar(UInt32.random(in: 0..<0x250, using: &random)) ?? "?"
                }
                return .string(String(String.UnicodeScalarView(scalars)))
            case 4: return .number(Double(Int.random(in: -1_000...1_000, using: &random)) + 0.25)
            case 5, 6:
                return .array((0..<Int.random(in: 0..<4, using: &random)).map { _ in makeValue(depth: depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for index in 0..<Int.random(in: 0..<4, using: &random) { members["k\(index)\u{7F}"] = makeValue(depth: depth + 1) }
                return .object(members)
            }
        }
        for _ in 0..<500 {
            let value = makeValue(depth: 0)
            for style in [JSONStyle.compact, .pretty, .encoderPretty] {
                let text = written(style) { $0.value(value) }
                #expect(try JSONValue.parse(text) == value, "\(text)")
            }
        }
    }
}
