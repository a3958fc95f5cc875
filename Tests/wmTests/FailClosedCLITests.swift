import Foundation
import Testing

/// Fail closed from the command line: when the database answers a user's read with another user's row,
/// `wm render`, `wm snapshot` and `wm budget-report --all-users` render and write nothing and exit 76.
@Suite struct FailClosedCLITests {
    static let now = "2026-11-26T12:00:00Z"

    @Test func aRowOfAnotherUserExits76AndPrintsNothing() throws {
        let url = try TestServer.makeDatabase()
        #expect(try WMProcess.run(["migrate", "--database-url", url]).status == 0)
        let owner = UUID().uuidString.lowercased()
        let other = UUID().uuidString.lowercased()
        let otherRow = UUID().uuidString.lowercased()
        try TestServer.psql(url, """
            INSERT INTO auth.users (id) VALUES ('\(owner)'), ('\(other)');
            INSERT INTO user_context (user_id, key, value) VALUES ('\(owner)', 'name', 'Dana');
            INSERT INTO user_context (id, user_id, key, value) VALUES ('\(otherRow)', '\(other)', 'fact:secret', 'other-user-secret');
            """)
        let honest = try WMProcess.run(["render", "--user", owner, "--database-url", url, "--now", Self.now])
        #expect(honest.status == 0)
        #expect(honest.stdout.contains("Dana") && !honest.stdout.contains("other-user-secret"))

        let script = WMProcess.repositoryRoot.appendingPathComponent("Tests/Support/FailClosed/misbehaving-uuid-equality.sql")
        try TestServer.psql(url, try String(contentsOf: script, encoding: .utf8))
        // The planted operator is live for new connections: the source's own condition now matches the other user's row.
        let leaked = try TestServer.psql(url, "SELECT user_id FROM user_context WHERE user_id = '\(owner)'::uuid AND key = 'fact:secret'")
        #expect(leaked == other)

        let render = try WMProcess.run(["render", "--user", owner, "--database-url", url, "--now", Self.now])
        #expect(render.status == 76)
        #expect(render.stdout.isEmpty)
        #expect(render.stderr.hasPrefix("wm: refused: the database returned a row of another user (user_context \(otherRow)); nothing was rendered"))
        #expect(render.stderr.hasSuffix("\n") && render.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!render.stderr.contains(other))
        let json = try WMProcess.run(["render", "--user", owner, "--database-url", url, "--now", Self.now, "--format", "json"])
        #expect(json.status == 76 && json.stdout.isEmpty)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wm-fail-closed-\(owner).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let snapshot = try WMProcess.run(["snapshot", "--user", owner, "--database-url", url, "--now", Self.now, "-o", file.path])
        #expect(snapshot.status == 76)
        #expect(!FileManager.default.fileExists(atPath: file.path))

        // Over all users each one is refused (each read returns the other's rows), listed, and the run exits 76.
        let report = try WMProcess.run(["budget-report", "--all-users", "--database-url", url, "--now", Self.now, "--format", "json"])
        #expect(report.status == 76)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["users"] as? Int == 2)
        let refused = try #require(object["source_integrity"] as? [[String: Any]])
        #expect(Set(refused.compactMap { $0["user"] as? String }) == [owner, other])
        #expect(report.stderr.contains("wm: refused 2 users: the database returned rows of another user"))
    }
}
