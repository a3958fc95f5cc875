import Foundation
import PromptCompiler
import SeededRandom
import SourceData
import Testing
import Tokenization
@testable import WorkingMemory

/// `wm render --template yarnnn-v1` against `NaiveV1Format` on random benign snapshots, byte for byte.
///
/// Benign: plain words with single spaces (nothing to escape, nothing to fold), distinct timestamps (no
/// ties for an order to break), and ages away from the lookback edges; the budget does not bind.
@Suite struct V1DifferentialTests {
    static let cases = 1_200

    @Test func randomBenignSnapshotsRenderAsTheNaiveV1Format() throws {
        let renderer = try RenderingJSONTests.renderer("yarnnn-v1")
        var random = BenignSnapshots(seed: 0x5EED_0019)
        var headingAlone = 0, cutAfterSpace = 0
        for caseNumber in 0..<Self.cases {
            let snapshot = random.snapshot()
            let expected = NaiveV1Format.render(snapshot, now: Fixture.now)
            let rendering = try renderer.render(SourceResult(snapshot: snapshot, failedSources: []), now: Fixture.now,
                                                budget: 100_000)
            if expected.contains("### About you\n\n") || expected.hasSuffix("### About you") { headingAlone += 1 }
            if expected.split(separator: "\n").contains(where: { $0.hasPrefix("- 20") && $0.hasSuffix(" ") }) { cutAfterSpace += 1 }
            guard rendering.markdown != expected else { continue }
            let got = rendering.markdown.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record("""
                case \(caseNumber) (seed 0x5EED0019) differs at line \(line + 1):
                  wm:    \(line < got.count ? String(reflecting: String(got[line])) : "(end)")
                  naive: \(line < want.count ? String(reflecting: String(want[line])) : "(end)")
                """)
            return
        }
        // The generator reaches both corner cases often enough for the comparison to mean something.
        #expect(headingAlone >= 20 && cutAfterSpace >= 20, "heading alone \(headingAlone), cut after a space \(cutAfterSpace)")
    }
}

/// Seeded random benign snapshots, the same sequence on every run.
struct BenignSnapshots {
    private var generator: SeededGenerator
    private var serial = 0

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) < p * 10_000 }

    static let vocabulary = ["plan", "team", "report", "launch", "review", "budget", "Monday", "notes", "draft",
                             "client", "weekly", "sync", "design", "Alex", "market", "update", "goals", "call"]

    mutating func words(_ count: ClosedRange<Int>) -> String {
        (0..<int(count)).map { _ in Self.vocabulary[int(0...Self.vocabulary.count - 1)] }.joined(separator: " ")
    }

    /// A distinct id, so that rows never tie.
    mutating func id() -> UUID {
        serial += 1
        return Fixture.id(serial)
    }

    /// `Fixture.now` minus a whole number of seconds, distinct per call within a snapshot by construction.
    mutating func ago(_ seconds: ClosedRange<Int>) -> Date {
        Fixture.now.addingTimeInterval(-Double(int(seconds)) - Double(serial) / 1_000)
    }

    mutating func snapshot() -> Snapshot {
        var context: [(String, String)] = []
        for key in ["name", "role", "company", "timezone", "summary"] where chance(0.35) {
            context.append((key, key == "timezone" ? "Europe/Berlin" : words(1...4)))
        }
        for platform in ["slack", "gmail", "notion"] {
            if chance(0.3) { context.append(("tone_" + platform, words(1...2))) }
            if chance(0.3) { context.append(("verbosity_" + platform, words(1...1))) }
        }
        for kind in ["fact", "instruction", "preference"] {
            for n in 0..<int(0...3) { context.append(("\(kind):\(Self.vocabulary[n])\(int(0...99))", words(2...8))) }
        }
        let deliverables = (0..<int(0...8)).map { _ in
            DeliverableRow(
                id: id(), title: words(1...4), status: ["active", "active", "paused", "archived"][int(0...3)],
                schedule: chance(0.8) ? .object(["frequency": .string(["daily", "weekly", "monthly"][int(0...2)])]) : .object([:]),
                recipientContext: chance(0.7) ? .object(["name": .string(words(1...2))]) : nil,
                updatedAt: ago(60...2_000_000))
        }
        var platforms: [PlatformConnectionRow] = []
        for platform in ["slack", "gmail", "notion", "calendar", "drive", "jira", "github"] where chance(0.4) {
            let sync: LastSync? = chance(0.15) ? nil : .at(ago([10...3_000, 4_000...80_000, 90_000...500_000, 700_000...3_000_000][int(0...3)]))
            platforms.append(PlatformConnectionRow(id: id(), platform: platform,
                                                   status: ["connected", "connected", "active", "error"][int(0...3)], lastSyncedAt: sync))
        }
        let sessions = (0..<int(0...5)).map { _ in
            ChatSessionRow(id: id(), createdAt: chance(0.8) ? ago(60...590_000) : ago(620_000...2_000_000),
                           summary: chance(0.15) ? nil : longSummary())
        }
        let events = (0..<int(0...14)).map { _ in
            ActivityLogRow(id: id(), eventType: "memory_written", summary: words(2...8),
                           createdAt: chance(0.85) ? ago(60...590_000) : ago(620_000...2_000_000))
        }
        return Snapshot(userID: Fixture.user, now: Fixture.now, userContext: Fixture.context(context),
                        deliverables: deliverables, platformConnections: platforms, chatSessions: sessions,
                        activityLog: events)
    }

    /// A summary of 5 to 90 words: often longer than 300 characters, so that the cut sometimes lands after a space.
    mutating func longSummary() -> String {
        var text = words(5...90)
        // Land the 300-character cut right after a space in about half of the long ones.
        if text.unicodeScalars.count > 301, chance(0.5) {
            var scalars = Array(text.unicodeScalars)
            if scalars[299] != " " {
                scalars[299] = " "
                if scalars[298] == " " { scalars[298] = "x" }
                if scalars[300] == " " { scalars[300] = "y" }
            }
            text = String(String.UnicodeScalarView(scalars))
        }
        return text
    }
}
