import Foundation
import PromptCompiler

/// Budget statistics over many users' renderings: what `wm budget-report` prints.
///
/// Feed it one outcome per user (`add`), then read `summary()`. Memory grows with the number of users only
/// by one integer per section and user (for the percentiles); the worst cases keep their renderings
/// (`worstCases`), so a report can explain them.
public struct BudgetSurvey: Sendable {
    /// The worst cases kept, by tokens used.
    public static let worstCaseCount = 5

    /// One of the users with the most tokens, and their rendering.
    public struct WorstCase: Sendable {
        public let user: String
        public let tokens: Int
        public let rendering: WorkingMemoryRendering
    }

    private var sectionTokens: [String: [Int]] = [:]
    private var sectionCuts: [String: Int] = [:]
    private var sectionCutsByRule: [String: SectionCutCounts] = [:]
    private var sectionOrder: [String] = []
    private var totals: [Int] = []
    private var overBudget: [UserFailure] = []
    private var sourceIntegrity: [UserFailure] = []
    private var cutWithMarker: [String] = []
    private var failedSources: [String: Int] = [:]
    private var worst: [WorstCase] = []
    private var budget = 0

    public init() {}

    /// The users with the most tokens so far (at most `worstCaseCount`), most first, ties by user.
    public var worstCases: [WorstCase] { worst }

    /// Records one user's rendering.
    public mutating func add(user: String, rendering: WorkingMemoryRendering) {
        let report = rendering.report
        budget = report.budget
        totals.append(report.tokens)
        for section in report.sections {
            if sectionTokens[section.id] == nil { sectionOrder.append(section.id) }
            sectionTokens[section.id, default: []].append(section.tokens)
            let cut = !section.truncated.isEmpty || (section.omitted[.budget] ?? 0) > 0 || (section.omitted[.cap] ?? 0) > 0
            if cut { sectionCuts[section.id, default: 0] += 1 }
            sectionCutsByRule[section.id, default: SectionCutCounts()].count(section)
        }
        if report.overflowCut { cutWithMarker.append(user) }
        for failed in rendering.failedSources { failedSources[failed.table.rawValue, default: 0] += 1 }
        worst.append(WorstCase(user: user, tokens: report.tokens, rendering: rendering))
        worst.sort { $0.tokens != $1.tokens ? $0.tokens > $1.tokens : $0.user < $1.user }
        if worst.count > Self.worstCaseCount { worst.removeLast() }
    }

    /// Records a user whose rendering failed (e.g. required content over the budget).
    public mutating func add(user: String, failure: any Error) {
        overBudget.append(UserFailure(user: user, reason: "\(failure)"))
    }

    /// Records a user whose read was refused because the database returned a row of another user: nothing
    /// of theirs was rendered (`SourceError.rowOfAnotherUser`).
    public mutating func add(user: String, refusedRead failure: any Error) {
        sourceIntegrity.append(UserFailure(user: user, reason: "\(failure)"))
    }

    /// The statistics so far.
    public func summary() -> BudgetSurveySummary {
        let sections = sectionOrder.map { id in
            let tokens = sectionTokens[id, default: []].sorted()
            return BudgetSurveySummary.Section(
                id: id, p50: Self.percentile(tokens, 50), p95: Self.percentile(tokens, 95), max: tokens.last ?? 0,
                cut: sectionCuts[id, default: 0], cutByRule: sectionCutsByRule[id, default: SectionCutCounts()]
            )
        }
        let sortedTotals = totals.sorted()
        return BudgetSurveySummary(
            users: totals.count + overBudget.count + sourceIntegrity.count, budget: budget,
            totalP50: Self.percentile(sortedTotals, 50), totalP95: Self.percentile(sortedTotals, 95),
            totalMax: sortedTotals.last ?? 0, sections: sections, overBudget: overBudget, sourceIntegrity: sourceIntegrity,
            cutWithMarker: cutWithMarker, failedSources: failedSources,
            worstCases: worst.map { UserTotal(user: $0.user, tokens: $0.tokens) }, totals: sortedTotals
        )
    }

    /// The nearest-rank percentile of sorted values (0 when empty).
    static func percentile(_ sorted: [Int], _ percent: Int) -> Int {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((Double(percent) / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// A user and the tokens their block used.
public struct UserTotal: Sendable, Hashable, Encodable {
    public let user: String
    public let tokens: Int
}

/// A user whose block could not be rendered, and why.
public struct UserFailure: Sendable, Hashable, Encodable {
    public let user: String
    public let reason: String
}

/// What `BudgetSurvey.summary()` reports.
public struct BudgetSurveySummary: Sendable, Encodable {
    /// Token distribution of one section over the users, and how many users had it cut.
    public struct Section: Sendable, Encodable {
        public let id: String
        public let p50: Int
        public let p95: Int
        public let max: Int
        /// Users for whom the section lost or truncated items for budget or cap.
        public let cut: Int
        /// Users for whom the section lost items, by rule (a user cut by two rules counts under both).
        public let cutByRule: SectionCutCounts

        enum CodingKeys: String, CodingKey {
            case id, p50, p95, max, cut
            case cutByRule = "cut_by_rule"
        }
    }

    public let users: Int
    public let budget: Int
    public let totalP50: Int
    public let totalP95: Int
    public let totalMax: Int
    public let sections: [Section]
    /// Users whose required content did not fit (rendering failed).
    public let overBudget: [UserFailure]
    /// Users whose read was refused: the database returned a row of another user, nothing was rendered.
    public let sourceIntegrity: [UserFailure]
    /// Users whose block was cut with the overflow marker.
    public let cutWithMarker: [String]
    /// Per table, how many users' reads failed.
    public let failedSources: [String: Int]
    public let worstCases: [UserTotal]
    /// Every rendered user's tokens, ascending (users whose rendering failed are not in it); not in the JSON.
    public let totals: [Int]

    enum CodingKeys: String, CodingKey {
        case users, budget, sections
        case totalP50 = "total_p50"
        case totalP95 = "total_p95"
        case totalMax = "total_max"
        case overBudget = "over_budget"
        case sourceIntegrity = "source_integrity"
        case cutWithMarker = "cut_with_marker"
        case failedSources = "failed_sources"
        case worstCases = "worst_cases"
    }

    /// Pretty-printed JSON with sorted keys, ending with a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A fixed-width table: one row per section, then totals, users over budget and the worst cases.
    public func table() -> String {
        var rows = [["section", "p50", "p95", "max", "cut"] + CutRule.allCases.map(\.rawValue)]
        for section in sections {
            rows.append([section.id, "\(section.p50)", "\(section.p95)", "\(section.max)", "\(section.cut)"]
                + CutRule.allCases.map { "\(section.cutByRule[$0])" })
        }
        // The whole block has no rule columns: its cut is the overflow marker.
        rows.append(["(whole block)", "\(totalP50)", "\(totalP95)", "\(totalMax)", "\(cutWithMarker.count)"])
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = Swift.max(widths[index], cell.count) } }
        var lines = [
            "\(users) users, budget \(budget) tokens; tokens per section (cut = users with items cut; "
                + CutRule.allCases.map(\.rawValue).joined(separator: ", ") + " = users with items cut by that rule)",
        ]
        lines += rows.map { row in
            row.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                           : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        lines.append("over budget (required content did not fit): \(overBudget.count)")
        lines += overBudget.prefix(10).map { "  \($0.user): \($0.reason)" }
        if !sourceIntegrity.isEmpty {
            lines.append("refused (the database returned a row of another user; nothing rendered): \(sourceIntegrity.count)")
            lines += sourceIntegrity.prefix(10).map { "  \($0.user): \($0.reason)" }
        }
        if !failedSources.isEmpty {
            lines.append("failed sources: " + failedSources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        lines.append("worst cases: " + worstCases.map { "\($0.user) (\($0.tokens))" }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
