import Foundation
import Testing

@Suite struct TokensCLITests {
    @Test func countsStandardInputWithO200kByDefault() throws {
        let result = try WMProcess.run(["tokens"], input: "hello world")
        #expect(result.status == 0)
        #expect(result.stdout == "2\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func printsIDsAsOneJSONArray() throws {
        let result = try WMProcess.run(["tokens", "--ids", "--encoding", "cl100k_base", "-"], input: "hello world")
        #expect(result.status == 0)
        #expect(result.stdout == "[15339,1917]\n")
    }

    @Test func readsInvalidUTF8AsReplacementCharacters() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wm-tokens-\(UUID().uuidString).txt")
        try Data([0x61, 0xFF, 0x62]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try WMProcess.run(["tokens", "--ids", file.path])
        #expect(result.status == 0)
        // tiktoken 0.14.0: o200k_base.encode_ordinary("a\u{FFFD}b") == [64, 3251, 65]
        #expect(result.stdout == "[64,3251,65]\n")
    }

    @Test func labelsEstimates() throws {
        for encoding in ["claude-3", "claude-4.7", "claude", "heuristic"] {
            let result = try WMProcess.run(["tokens", "--encoding", encoding], input: "hello world")
            #expect(result.status == 0)
            #expect(result.stdout.hasSuffix(" (estimate)\n"), "\(encoding): \(result.stdout)")
        }
    }

    @Test func claudeIsTheNewestFamilysBound() throws {
        let text = "Guten Tag! Wie geht es Ihnen heute, 4. Dezember 2026?"
        let alias = try WMProcess.run(["tokens", "--encoding", "claude"], input: text)
        let newest = try WMProcess.run(["tokens", "--encoding", "claude-4.7"], input: text)
        let o200k = try WMProcess.run(["tokens"], input: text)
        #expect(alias.status == 0 && alias.stdout == newest.stdout)
        // A bound of Claude's count is never below o200k's on such text (each piece costs at least one token).
        let bound = try #require(Int(newest.stdout.split(separator: " ")[0]))
        #expect(bound > (try #require(Int(o200k.stdout.dropLast()))))
    }

    @Test func anUnreadableFileExits65WithOneLine() throws {
        let result = try WMProcess.run(["tokens", "/nonexistent/wm-tokens-input"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("wm: cannot read '/nonexistent/wm-tokens-input'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try WMProcess.run(["tokens", "--encoding", "gpt2"], input: "x").status == 64)
        #expect(try WMProcess.run(["tokens", "--ids", "--encoding", "heuristic"], input: "x").status == 64)
    }
}
