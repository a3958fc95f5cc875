import Foundation
import Testing

@Suite struct ActivityCLITests {
    @Test func migrateWriteReadAndPruneEndToEnd() throws {
        let url = try TestServer.makeDatabase()
        let migrated = try WMProcess.run(["migrate", "--database-url", url])
        #expect(migrated.status == 0)
        #expect(migrated.stdout.contains("applied\t003_activity_log.sql"))
        let again = try WMProcess.run(["migrate"], environment: ["DATABASE_URL": url])
        #expect(again.stdout.hasPrefix("up to date"))
        let status = try WMProcess.run(["migrate", "--status", "--database-url", url])
        #expect(status.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("applied ") })

        let user = UUID().uuidString.lowercased()
        try TestServer.psql(url, "INSERT INTO auth.users (id) VALUES ('\(user)')")
        let written = try WMProcess.run([
            "activity", "write", "--database-url", url, "--user", user, "--type", "memory_written",
            "--summary", "Noted: tone_slack = casual", "--metadata", #"{"key":"tone_slack"}"#,
        ])
        #expect(written.status == 0)
        let id = written.stdout.trimmingCharacters(in: .newlines)
        #expect(UUID(uuidString: id) != nil)

        let recent = try WMProcess.run(["activity", "recent", "--database-url", url, "--user", user, "--format", "json"])
        #expect(recent.status == 0)
        let events = try JSONSerialization.jsonObject(with: Data(recent.stdout.utf8)) as? [[String: Any]]
        #expect(events?.first?["id"] as? String == id)
        #expect(events?.first?["summary"] as? String == "Noted: tone_slack = casual")

        let dryRun = try WMProcess.run(["activity", "prune", "--database-url", url, "--older-than", "0s", "--dry-run"])
        #expect(dryRun.stdout == "would delete 1 events\n")
        let pruned = try WMProcess.run(["activity", "prune", "--database-url", url, "--older-than", "0s"])
        #expect(pruned.stdout == "deleted 1 events\n")
    }

    @Test func aRejectedWriteExits65WithOneLineAndWritesNothing() throws {
        let url = try TestServer.makeDatabase()
        _ = try WMProcess.run(["migrate", "--database-url", url])
        let user = UUID().uuidString.lowercased()
        try TestServer.psql(url, "INSERT INTO auth.users (id) VALUES ('\(user)')")
        let cases: [[String]] = [
            ["--user", user, "--type", "heartbeat", "--summary", "x"],
            ["--user", user, "--type", "chat_session", "--summary", "   "],
            ["--user", user, "--type", "chat_session", "--summary", "x", "--metadata", "[1]"],
            ["--user", "not-a-uuid", "--type", "chat_session", "--summary", "x"],
            ["--user", UUID().uuidString, "--type", "chat_session", "--summary", "x"],
        ]
        for arguments in cases {
            let result = try WMProcess.run(["activity", "write", "--database-url", url] + arguments)
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr.hasPrefix("wm: "), "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try TestServer.psql(url, "SELECT count(*) FROM activity_log") == "0")
    }

    @Test func anUnreachableDatabaseExits69WithoutThePassword() throws {
        let result = try WMProcess.run([
            "activity", "write", "--database-url", "postgresql://wm:hunter2@127.0.0.1:1/wm",
            "--user", UUID().uuidString, "--type", "chat_session", "--summary", "x",
        ])
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("wm: database unavailable"))
        #expect(!result.stderr.contains("hunter2"))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try WMProcess.run(["activity", "write", "--type", "chat_session"]).status == 64)
        #expect(try WMProcess.run(["activity", "prune", "--older-than", "ninety days"]).status == 64)
        #expect(try WMProcess.run(["activity", "recent", "--user", "nope"]).status == 64)
    }
}
