import Foundation
import Testing
@testable import SourceData
@testable import WireFormats

/// Documents are I-JSON (RFC 7493): an object names each member once. A duplicate is refused, naming the
/// member and the byte offset of its second occurrence, wherever the parser reads (service bodies, snapshot files).
@Suite struct IJSONTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func aDuplicateMemberNameIsRefusedWithItsNameAndOffset() throws {
        let text = #"{"user_id":"a","summary":"s","user_id":"b"}"#
        let error = try #require(throws: JSONParser.Failure.self) { try parse(text) }
        #expect(error.offset == 29)
        #expect(error.description == #"duplicate member name "user_id" at byte 29"#)
    }

    @Test func aDuplicateInANestedObjectIsRefused() throws {
        let text = #"[{"a":{"k":1,"k":2}}]"#
        let error = try #require(throws: JSONParser.Failure.self) { try parse(text) }
        #expect(error.offset == 13)
        #expect(error.description.contains(#""k""#))
    }

    @Test func namesThatDifferOnlyByEscapingAreTheSameName() throws {
        let error = try #require(throws: JSONParser.Failure.self) { try parse(#"{"a":1,"\u0061":2}"#) }
        #expect(error.description.hasPrefix(#"duplicate member name "a""#))
    }

    @Test func theSameNameInSiblingObjectsIsAllowed() throws {
        #expect(try parse(#"[{"a":1},{"a":2}]"#) == .array([.object(["a": 1]), .object(["a": 2])]))
        #expect(try parse(#"{"a":{"a":1}}"#) == .object(["a": .object(["a": 1])]))
    }

    @Test func aSnapshotFileWithADuplicateNameIsRefused() throws {
        let text = #"{"user_id": "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d", "user_id": "00000000-0000-4000-8000-000000000001"}"#
        let error = try #require(throws: SnapshotError.self) { try SnapshotDecoder.decode(Data(text.utf8)) }
        #expect(error.description.contains(#"duplicate member name "user_id" at byte 52"#))
    }
}
