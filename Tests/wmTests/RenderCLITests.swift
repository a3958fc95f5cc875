import Foundation
import Testing

@Suite struct RenderCLITests {
    @Test func rendersTheBundledExampleWithinItsBudget() throws {
        let result = try WMProcess.run(["render", "examples/alex.json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("## Working Memory\n\n### About you\n"))
        #expect(result.stderr.isEmpty)
        let counted = try WMProcess.run(["tokens", "-"], input: result.stdout)
        let tokens = try #require(Int(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(tokens > 0 && tokens <= 2_000)
    }

    @Test func jsonOutputHasEveryDocumentedKeyAndBlocksJoinToTheMarkdown() throws {
        let result = try WMProcess.run(["render", "examples/alex.json", "--format", "json", "--budget", "700"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["markdown", "blocks", "tokens", "budget", "tokenizer", "template", "report", "failed_sources"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["name"] as? String } == ["stable", "volatile"])
        #expect(blocks.compactMap { $0["markdown"] as? String }.joined() == object["markdown"] as? String)
        #expect((object["tokens"] as? Int ?? .max) <= 700)
        #expect(object["budget"] as? Int == 700)
    }

    @Test(arguments: [("claude-3", "claude-3"), ("claude-4.7", "claude-4.7"), ("claude", "claude-4.7")])
    func aClaudeBudgetIsAnEstimateNamedForItsFamily(tokenizer: String, family: String) throws {
        let result = try WMProcess.run(["render", "examples/alex.json", "--format", "json", "--budget", "900", "--tokenizer", tokenizer])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let report = try #require(object["report"] as? [String: Any])
        #expect(object["tokenizer"] as? String == family)
        #expect(report["tokenizer"] as? String == family && report["estimate"] as? Bool == true)
        let tokens = try #require(object["tokens"] as? Int)
        #expect(tokens <= 900)
        let markdown = try #require(object["markdown"] as? String)
        let counted = try WMProcess.run(["tokens", "--encoding", family, "-"], input: markdown)
        #expect(counted.stdout == "\(tokens) (estimate)\n")
    }

    @Test func theV1TemplateReproducesTheReferenceFormat() throws {
        let result = try WMProcess.run(["render", "golden/v1-small/input.json", "--template", "yarnnn-v1", "--budget", "100000"])
        let expected = try String(contentsOf: WMProcess.repositoryRoot.appendingPathComponent("golden/v1-small/expected/unbinding.md"), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test func badInputExits65WithThePath() throws {
        let bad = #"{"user_id": "7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d", "deliverables": [{"id": "nope"}]}"#
        let result = try WMProcess.run(["render", "-"], input: bad)
        #expect(result.status == 65)
        #expect(result.stderr.contains("$.deliverables[0]"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let overBudget = try WMProcess.run(["render", "examples/alex.json", "--budget", "50"])
        #expect(overBudget.status == 65)
        #expect(overBudget.stderr.contains("budget"))
        #expect(overBudget.stdout.isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try WMProcess.run(["render"]).status == 64)
        #expect(try WMProcess.run(["render", "examples/alex.json", "--user", UUID().uuidString]).status == 64)
        #expect(try WMProcess.run(["render", "examples/alex.json", "--tokenizer", "gpt2"]).status == 64)
        #expect(try WMProcess.run(["render", "examples/alex.json", "--now", "yesterday"]).status == 64)
        #expect(try WMProcess.run(["render", "examples/alex.json", "--template", "nope"]).status == 65)
    }

    @Test func budgetReportSummarisesSnapshots() throws {
        let result = try WMProcess.run([
            "budget-report", "--format", "json", "examples/alex.json", "golden/snapshot-cold-start/input.json",
            "golden/snapshot-activity-40/input.json", "--budget", "500",
        ])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["users"] as? Int == 3)
        let sections = try #require(object["sections"] as? [[String: Any]])
        let activity = try #require(sections.first { $0["id"] as? String == "activity" })
        #expect((activity["max"] as? Int ?? 0) > 0)
        #expect((activity["cut"] as? Int ?? 0) >= 1)
        #expect((object["total_max"] as? Int ?? .max) <= 500)
        let table = try WMProcess.run(["budget-report", "examples/alex.json"])
        #expect(table.stdout.contains("(whole block)"))
    }

    @Test func theDatabasePathGivesTheSameBytesAsItsSnapshotFile() throws {
        let url = try TestServer.makeDatabase()
        #expect(try WMProcess.run(["migrate", "--database-url", url]).status == 0)
        let user = UUID().uuidString.lowercased()
        try TestServer.psql(url, """
            INSERT INTO auth.users (id) VALUES ('\(user)');
            INSERT INTO user_context (user_id, key, value) VALUES ('\(user)', 'name', 'Dana'), ('\(user)', 'fact:cat', 'Has a cat');
            INSERT INTO deliverables (user_id, title, schedule, recipient_context, updated_at)
                VALUES ('\(user)', 'Board memo', '{"frequency": "monthly"}', '{"name": "Board"}', '2026-11-20T10:00:00Z');
            INSERT INTO platform_connections (user_id, platform, status, last_synced_at)
                VALUES ('\(user)', 'slack', 'connected', '2026-11-26T09:00:00Z');
            INSERT INTO chat_sessions (user_id, created_at, summary) VALUES ('\(user)', '2026-11-25T10:00:00Z', 'Planned Q1');
            INSERT INTO activity_log (user_id, event_type, summary, created_at)
                VALUES ('\(user)', 'chat_session', 'Chat session (4 turns)', '2026-11-25T10:30:00Z');
            """)
        let now = "2026-11-26T12:00:00Z"
        let direct = try WMProcess.run(["render", "--user", user, "--database-url", url, "--now", now])
        #expect(direct.status == 0)
        #expect(direct.stdout.contains("Board memo (monthly) → Board"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wm-snapshot-\(user).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try WMProcess.run(["snapshot", "--user", user, "--database-url", url, "--now", now, "-o", file.path])
        #expect(written.status == 0)
        let fromFile = try WMProcess.run(["render", file.path])
        #expect(fromFile.stdout == direct.stdout)

        let stranger = UUID().uuidString.lowercased()
        let unknown = try WMProcess.run(["render", "--user", stranger, "--database-url", url])
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "wm: no such user: \(stranger)\n")
        #expect(unknown.stdout.isEmpty)
    }
}
