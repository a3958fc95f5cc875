import Foundation
import Testing
@testable import SourceData
import WireFormats

/// Values PostgreSQL would refuse with a data exception (SQLSTATE class 22) are refused before anything is
/// sent, naming where they are: a NUL in the metadata (`jsonb` cannot hold U+0000), in a key or a string.
@Suite struct ActivityDataExceptionTests {
    let user = UUID()

    func event(metadata: String) throws -> NewActivityEvent {
        try NewActivityEvent(
            userText: user.lowercasedString, typeName: "chat_session", summary: "s", metadataJSON: metadata
        )
    }

    @Test(arguments: [
        (#"{"a":"b\u0000c"}"#, "$.metadata.a"),
        (#"{"a\u0000":1}"#, #"$.metadata["a\u{0}"]"#),
        (#"{"a":[1,{"b":["\u0000"]}]}"#, "$.metadata.a[1].b[0]"),
        (#"{"x":{"\u0000":null}}"#, #"$.metadata.x["\u{0}"]"#),
    ])
    func aNULAnywhereInTheMetadataIsRefusedWithItsPath(metadata: String, path: String) throws {
        let error = try #require(throws: ActivityValidationError.self) { try event(metadata: metadata) }
        #expect(error.description.contains(path))
        #expect(error.description.contains("NUL"))
    }

    @Test func metadataWithoutNULIsAccepted() throws {
        let event = try event(metadata: #"{"a":"b\u0001c","n":[1.5,-0.0,1e300,null,true]}"#)
        #expect(event.metadata?["a"] == .string("b\u{1}c"))
    }

    @Test func aSummaryOver500CharactersAsSentIsRefusedEvenWhenCleaningWouldShortenIt() {
        // The schema's maxLength counts what is sent; the service counts the same.
        let summary = " " + String(repeating: "x", count: 500)
        #expect(throws: ActivityValidationError.summaryTooLong(characters: 501)) {
            try NewActivityEvent(user: user, type: .chatSession, summary: summary)
        }
        #expect(throws: Never.self) {
            try NewActivityEvent(user: user, type: .chatSession, summary: String(repeating: "x", count: 500))
        }
    }
}
