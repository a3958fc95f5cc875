import Foundation
import Testing

/// `wm render --explain`, `--model`, and `wm diff`, as a user runs them.
@Suite struct ExplainDiffCLITests {
    @Test func explainIsTheGoldenExplanation() throws {
        let result = try WMProcess.run(["render", "golden/snapshot-alex/input.json", "--explain", "--model", "claude-sonnet-4-5",
                                        "--static-prefix-tokens", "900"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: WMProcess.repositoryRoot.appendingPathComponent("golden/explain-alex/expected/default.explain.txt"),
                                  encoding: .utf8)
        #expect(result.stdout == expected)
        // The bound reaches the minimum, so the verdict is unknown and says why.
        #expect(result.stderr.contains("wm: warning: cache:") && result.stderr.contains("upper bound"))
    }

    @Test func aTooShortPrefixWarnsOnStderrAndTheJSONSaysSo() throws {
        let result = try WMProcess.run(["render", "examples/alex.json", "--format", "json", "--model", "gpt-4o"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("below gpt-4o's minimum of 1024: it will not be cached"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cache = try #require((object["report"] as? [String: Any])?["cache"] as? [String: Any])
        #expect(cache["cacheable"] as? String == "no")
        #expect(cache["model"] as? String == "gpt-4o")
        #expect((object["cache_prefix"] as? [String: Any])?["tokens"] as? Int == cache["stable_tokens"] as? Int)
        #expect(object["provenance"] is [[String: Any]])
    }

    @Test func badCacheOptionsAreUsageErrors() throws {
        let unknown = try WMProcess.run(["render", "examples/alex.json", "--model", "gpt-2"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown --model \"gpt-2\"") && unknown.stderr.contains("gpt-4o"))
        #expect(unknown.stdout.isEmpty)
        let alone = try WMProcess.run(["render", "examples/alex.json", "--static-prefix-tokens", "10"])
        #expect(alone.status == 64)
        #expect(alone.stderr.contains("--static-prefix-tokens needs --model"))
        let negative = try WMProcess.run(["render", "examples/alex.json", "--model", "gpt-4o", "--static-prefix-tokens", "-1"])
        #expect(negative.status == 64)
        let both = try WMProcess.run(["render", "examples/alex.json", "--explain", "--format", "json"])
        #expect(both.status == 64)
    }

    @Test func diffExitsLikeDiff() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wm-diff-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = WMProcess.repositoryRoot.appendingPathComponent("examples/alex.json")
        let text = try String(contentsOf: example, encoding: .utf8)
        let fact = folder.appendingPathComponent("fact.json")
        try text.replacingOccurrences(of: "Q3 launch of the Insights dashboard", with: "Q4 launch of the Insights dashboard")
            .write(to: fact, atomically: true, encoding: .utf8)

        let same = try WMProcess.run(["diff", "examples/alex.json", "examples/alex.json"])
        #expect(same.status == 0)
        #expect(same.stdout.isEmpty)

        let changed = try WMProcess.run(["diff", "examples/alex.json", fact.path])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("stable block: CHANGED"))
        #expect(changed.stdout.contains("key=fact:launch (value) -> told item context:fact:launch changed"))

        // Two render results compare the same way.
        let old = folder.appendingPathComponent("old.json")
        let new = folder.appendingPathComponent("new.json")
        try WMProcess.run(["render", "examples/alex.json", "--format", "json"]).stdout.write(to: old, atomically: true, encoding: .utf8)
        try WMProcess.run(["render", fact.path, "--format", "json"]).stdout.write(to: new, atomically: true, encoding: .utf8)
        let results = try WMProcess.run(["diff", old.path, new.path])
        #expect(results.status == 1)
        #expect(results.stdout.replacingOccurrences(of: old.path, with: "A").replacingOccurrences(of: new.path, with: "B")
                == changed.stdout.replacingOccurrences(of: "examples/alex.json", with: "A").replacingOccurrences(of: fact.path, with: "B"))
        #expect(try WMProcess.run(["diff", old.path, old.path]).status == 0)

        let mixed = try WMProcess.run(["diff", "examples/alex.json", old.path])
        #expect(mixed.status == 64)
        let garbage = folder.appendingPathComponent("garbage.json")
        try "{\"x\": 1}".write(to: garbage, atomically: true, encoding: .utf8)
        let bad = try WMProcess.run(["diff", garbage.path, old.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("neither a snapshot nor a render result"))
    }
}
