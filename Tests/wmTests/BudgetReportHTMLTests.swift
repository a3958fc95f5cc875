import Foundation
import Testing

/// `wm budget-report --format html` without a browser: escaping, nothing loaded from elsewhere, determinism,
/// and the per-rule cut counts the JSON and table reports gained with it.
@Suite struct BudgetReportHTMLTests {
    /// Snapshot files whose users are cut by the budget, cap and limit rules at `--budget 600`.
    static let snapshots = [
        "examples/alex.json", "golden/snapshot-activity-40/input.json", "golden/snapshot-hostile-values/input.json",
        "golden/snapshot-facts-and-instructions-25/input.json", "golden/snapshot-sessions-lookback/input.json",
    ]

    @Test func hostileFileNamesAndExplanationsAreEscaped() throws {
        // The path itself reads <script>alert(1)</script>: a folder `<script>alert(1)<` holding `script>.json`.
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("wm-html-\(UUID().uuidString)").appendingPathComponent("<script>alert(1)<")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let hostile = folder.appendingPathComponent("script>&\"'.json")
        try Data(contentsOf: WMProcess.repositoryRoot.appendingPathComponent("golden/snapshot-hostile-values/input.json"))
            .write(to: hostile)
        let result = try WMProcess.run(["budget-report", "--format", "html", hostile.path, "examples/alex.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;.json"))
        #expect(!page.contains("alert(1)</script>"))
        #expect(page.range(of: "<script", options: .caseInsensitive) == nil)
        // The hostile snapshot's own values (markdown-escaped by the compiler) reach the explanation only escaped.
        #expect(page.contains(#"\&lt;script&gt;x\&lt;/script&gt;"#))
        #expect(page.contains("<pre id=\"explain-1\">"))
    }

    @Test func thePageLoadsNothingFromElsewhere() throws {
        let result = try WMProcess.run(["budget-report", "--format", "html", "--budget", "600"] + Self.snapshots)
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(page.range(of: "<script", options: .caseInsensitive) == nil)
        for attribute in ["src=", "srcset=", "@import", "url(", "<link", "<iframe", "<object", "<embed", "<img"] {
            #expect(page.range(of: attribute, options: .caseInsensitive) == nil, "the page has \(attribute)")
        }
        // Every link is an anchor in the page, and every anchor it names is there.
        let hrefs = matches(of: #"href\s*=\s*"([^"]*)""#, in: page)
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(href.hasPrefix("#"), "a link leaves the page: \(href)")
            #expect(page.contains("id=\"\(href.dropFirst())\""), "no element has the id of \(href)")
        }
        #expect(page.range(of: #"(src|href)\s*=\s*["']?\s*(https?:)?//"#, options: [.regularExpression, .caseInsensitive]) == nil)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let arguments = ["budget-report", "--format", "html", "--budget", "600"] + Self.snapshots
        let first = try WMProcess.run(arguments)
        let second = try WMProcess.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.count > 5_000)
        // No clock in the page, but the caller's --now is shown.
        let pinned = try WMProcess.run(arguments + ["--now", "2026-11-26T09:30:00Z"])
        #expect(pinned.stdout.contains("rendered as of 2026-11-26T09:30:00Z"))
        #expect(!first.stdout.contains("rendered as of"))
    }

    @Test func theJSONAndTableCountCutsByRule() throws {
        let result = try WMProcess.run(["budget-report", "--format", "json", "--budget", "600"] + Self.snapshots)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        var totals = [String: Int]()
        for section in sections {
            let byRule = try #require(section["cut_by_rule"] as? [String: Int])
            #expect(Set(byRule.keys) == ["budget", "cap", "truncated", "limit"])
            byRule.forEach { totals[$0.key, default: 0] += $0.value }
            // `cut` counts users cut by a compiler rule, so it is at least each of those rules' count.
            let cut = try #require(section["cut"] as? Int)
            #expect(cut >= max(byRule["budget"]!, byRule["cap"]!, byRule["truncated"]!))
            #expect(cut <= byRule["budget"]! + byRule["cap"]! + byRule["truncated"]!)
        }
        #expect(totals["budget", default: 0] > 0)
        #expect(totals["limit", default: 0] > 0)
        let table = try WMProcess.run(["budget-report", "--budget", "600"] + Self.snapshots)
        let header = try #require(table.stdout.split(separator: "\n").dropFirst().first)
        #expect(header.split(separator: " ") == ["section", "p50", "p95", "max", "cut", "budget", "cap", "truncated", "limit"])
    }

    @Test func allUsersFromPostgreSQLGiveThePageAndTheJSONsFigures() throws {
        let url = try TestServer.makeDatabase()
        #expect(try WMProcess.run(["migrate", "--database-url", url]).status == 0)
        let users = (0..<3).map { _ in UUID().uuidString.lowercased() }
        for (index, user) in users.enumerated() {
            try TestServer.psql(url, """
                INSERT INTO auth.users (id) VALUES ('\(user)');
                INSERT INTO user_context (user_id, key, value) VALUES ('\(user)', 'name', 'User \(index)');
                INSERT INTO activity_log (user_id, event_type, summary, created_at)
                    SELECT '\(user)', 'chat_session', 'Chat session ' || n, '2026-11-25T10:00:00Z'::timestamptz + n * interval '1 minute'
                    FROM generate_series(1, \(index * 20)) AS n;
                """)
        }
        let arguments = ["budget-report", "--all-users", "--database-url", url, "--now", "2026-11-26T12:00:00Z"]
        let html = try WMProcess.run(arguments + ["--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        let json = try WMProcess.run(arguments + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["users"] as? Int == 3)
        #expect(html.stdout.contains("<tr><th class=\"name\">users</th><td>3</td></tr>"))
        #expect(html.stdout.contains("<tr><th class=\"name\">max</th><td>\(try #require(object["total_max"] as? Int))</td></tr>"))
        for user in users { #expect(html.stdout.contains(user)) }
        #expect(html.stdout.contains("<pre id=\"explain-3\">"))
        #expect(html.stdout.contains("rendered as of 2026-11-26T12:00:00Z"))
    }

    @Test func aBadFormatIsAUsageError() throws {
        #expect(try WMProcess.run(["budget-report", "--format", "pdf", "examples/alex.json"]).status == 64)
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
