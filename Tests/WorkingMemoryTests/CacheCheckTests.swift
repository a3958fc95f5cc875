import Foundation
import PromptCompiler
import SourceData
import Testing
import Tokenization
import WireFormats
@testable import WorkingMemory

/// The models table, the cache section's verdicts, and the stable block's digest.
@Suite struct CacheCheckTests {
    static let catalogURL = GoldenInputTests.root.appendingPathComponent("templates/models.json")

    @Test func theShippedTableLoadsWithASourceAndDateForEveryModel() throws {
        let catalog = try ModelCatalog(contentsOf: Self.catalogURL)
        #expect(catalog.models.count >= 10)
        for model in catalog.models {
            #expect(model.source.contains("https://"), "\(model.name)")
            #expect(RFC3339.date(from: model.checked + "T00:00:00Z") != nil, "\(model.name)")
            #expect([1024, 2048, 4096].contains(model.minimumPrefixTokens), "\(model.name)")
        }
        #expect(catalog.model(named: "gpt-4o")?.tokenizer == .o200kBase)
        #expect(catalog.model(named: "claude-opus-4-7")?.tokenizer == .claude47)
        #expect(Set(catalog.models.map(\.provider)) == ["anthropic", "openai"])
    }

    @Test func aBrokenTableIsRefusedNamingWhat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let entry = #"{"name": "m", "provider": "p", "minimum_prefix_tokens": 1024, "tokenizer": "TOK", "source": "s", "checked": "2026-12-07"}"#
        let cases: [(String, String)] = [
            (#"{"models": [\#(entry.replacingOccurrences(of: "TOK", with: "o200k_base")), \#(entry.replacingOccurrences(of: "TOK", with: "o200k_base"))]}"#, "listed twice"),
            (#"{"models": [\#(entry.replacingOccurrences(of: "TOK", with: "gpt2"))]}"#, "not a tokenizer"),
            (#"{"models": [\#(entry.replacingOccurrences(of: "1024", with: "0").replacingOccurrences(of: "TOK", with: "o200k_base"))]}"#, "positive integer"),
            (#"{"model": []}"#, "no \"models\" array"),
        ]
        for (text, problem) in cases {
            let url = folder.appendingPathComponent("models.json")
            try Data(text.utf8).write(to: url)
            #expect { try ModelCatalog(contentsOf: url) } throws: { error in
                "\(error)".contains(problem)
            }
        }
    }

    @Test func theVerdictFollowsTheCountAndWhetherItIsABound() {
        func report(_ stable: Int, _ staticTokens: Int, estimate: Bool) -> CacheReport {
            CacheReport(model: "m", minimumPrefixTokens: 1024, tokenizer: "t", estimate: estimate,
                        staticPrefixTokens: staticTokens, stableTokens: stable, source: "s", checked: "d")
        }
        #expect(report(1000, 24, estimate: false).cacheable == .yes)
        #expect(report(1000, 24, estimate: false).warning == nil)
        #expect(report(1000, 23, estimate: false).cacheable == .no)
        #expect(report(1000, 23, estimate: false).warning?.contains("at least 1 more tokens") == true)
        #expect(report(1000, 23, estimate: true).cacheable == .no)
        #expect(report(1000, 24, estimate: true).cacheable == .unknown)
        #expect(report(1000, 24, estimate: true).warning?.contains("upper bound") == true)
        #expect(report(500, 600, estimate: false).prefixTokens == 1100)
    }

    @Test func theCheckCountsTheStableBlockWithTheModelsTokenizer() throws {
        let snapshot = RenderingDiffTests.snapshot
        let rendering = try RenderingDiffTests.render(snapshot)
        let catalog = try ModelCatalog(contentsOf: Self.catalogURL)
        let claude = try #require(catalog.model(named: "claude-sonnet-4-5"))
        let bound = try claude.tokenizer.makeCounter()
        let checked = rendering.checkingCache(for: claude, staticPrefixTokens: 100, counter: bound)
        let cache = try #require(checked.report.cache)
        #expect(cache.stableTokens == bound.count(rendering.result.blocks[0].markdown))
        #expect(cache.stableTokens >= rendering.stableTokens)
        #expect(cache.estimate)
        #expect(cache.prefixTokens == cache.stableTokens + 100)
        #expect(checked.markdown == rendering.markdown)
        #expect(checked.report.json().contains("\"cache\" : {"))
        #expect(!rendering.report.json().contains("\"cache\""))
        let gpt = try #require(catalog.model(named: "gpt-4o"))
        let exact = rendering.checkingCache(for: gpt, staticPrefixTokens: 0, counter: rendering.counter)
        #expect(exact.report.cache?.stableTokens == rendering.stableTokens)
        #expect(exact.report.cache?.cacheable == .no)
    }

    @Test func theDigestIsSHA256() {
        #expect(SHA256Digest.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(of: String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theStableDigestChangesWithTheStableBlockOnly() throws {
        var volatile = RenderingDiffTests.snapshot
        volatile.activityLog[0].summary = "Something else happened"
        var stable = RenderingDiffTests.snapshot
        stable.userContext[0].value = "Alexandra Rivera"
        let base = try RenderingDiffTests.render(RenderingDiffTests.snapshot)
        #expect(try RenderingDiffTests.render(volatile).stableSHA256 == base.stableSHA256)
        #expect(try RenderingDiffTests.render(stable).stableSHA256 != base.stableSHA256)
        let json = try JSONParser.parse(base.jsonUTF8)
        #expect(json["cache_prefix"]?["sha256"] == .string(base.stableSHA256))
        #expect(json["cache_prefix"]?["tokens"] == .integer(Int64(base.result.blocks[0].tokens)))
        #expect(json["cache_prefix"]?["breakpoint"] == .string("told"))
    }
}
