import Foundation
import Testing

/// The CLI's side of the fuzzer's findings: a NUL in metadata is bad data (65, nothing written, no database
/// error text), and a snapshot file with a duplicate member name is refused (65) naming the member and offset.
@Suite struct DataExceptionCLITests {
    @Test func aNULInTheMetadataExits65AndWritesNothing() throws {
        let url = try TestServer.makeDatabase()
        _ = try WMProcess.run(["migrate", "--database-url", url])
        let user = UUID().uuidString.lowercased()
        try TestServer.psql(url, "INSERT INTO auth.users (id) VALUES ('\(user)')")
        for metadata in [#"{"a":"b\u0000c"}"#, #"{"a\u0000":1}"#, #"{"a":[{"b":"\u0000"}]}"#] {
            let result = try WMProcess.run([
                "activity", "write", "--database-url", url, "--user", user, "--type", "chat_session",
                "--summary", "x", "--metadata", metadata,
            ])
            #expect(result.status == 65, "\(metadata)")
            #expect(result.stderr.hasPrefix("wm: invalid activity event: $.metadata"), "\(metadata)")
            #expect(result.stderr.contains("NUL"), "\(metadata)")
            #expect(!result.stderr.contains("SQLSTATE"), "\(metadata)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(metadata)")
        }
        #expect(try TestServer.psql(url, "SELECT count(*) FROM activity_log") == "0")
    }

    @Test func aSnapshotWithADuplicateMemberNameExits65() throws {
        let snapshot = #"{"user_id": "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d", "user_context": [], "user_context": []}"#
        let result = try WMProcess.run(["render", "-"], input: snapshot)
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"duplicate member name "user_context" at byte 72"#))
        #expect(result.stdout.isEmpty)
    }
}
