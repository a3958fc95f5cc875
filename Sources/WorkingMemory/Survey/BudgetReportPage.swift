import Foundation
import WireFormats

/// `wm budget-report --format html`: a survey's figures as one self-contained HTML page.
///
/// Inline CSS and SVG only: no scripts, and nothing loaded from elsewhere (no fonts, images or style sheets),
/// so it works offline and from a file. It shows the distribution of the block's tokens against the budget,
/// tokens per section (p50, p95, max), how often each section was cut and by which rule, the worst cases with
/// their explanations, the users whose required content did not fit, the users cut with the overflow marker
/// and the failed sources: the same figures as `BudgetSurveySummary.json()`. Every piece of text that comes
/// from the input (user ids, file names, section ids, reasons, explanations) is escaped. Deterministic: the
/// same summary, explanations and `asOf` give the same bytes; no clock is read.
public struct BudgetReportPage: Sendable {
    public let summary: BudgetSurveySummary
    /// Each worst case's explanation (e.g. `wm render --explain`'s text), by user. The page shows it in a
    /// `<pre id="explain-N">`, N the case's rank from 1, and links the case to it; a case without one gets no link.
    public let explanations: [String: String]
    /// The moment the users were rendered as, shown when given (`--now`).
    public let asOf: Date?

    public init(summary: BudgetSurveySummary, explanations: [String: String] = [:], asOf: Date? = nil) {
        self.summary = summary
        self.explanations = explanations
        self.asOf = asOf
    }

    /// The page, from `<!DOCTYPE html>` to `</html>` and a final newline.
    public func html() -> String {
        let explained = summary.worstCases.reduce(0) { $0 + (explanations[$1.user]?.utf8.count ?? 0) }
        var page = HTMLBuffer(reservingCapacity: 32_768 + explained * 5 / 4 + summary.overBudget.count * 200)
        page.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.markup("<title>Working-memory budget report</title>\n<style>\n")
        page.markup(BudgetReportStyle.css)
        page.markup("\n</style>\n</head>\n<body>\n<h1>Working-memory budget report</h1>\n<p class=\"lead\">")
        page.number(summary.users)
        page.markup(" users, budget ")
        page.number(summary.budget)
        page.markup(" tokens")
        if let asOf {
            page.markup(", rendered as of ")
            page.text(RFC3339.string(from: asOf))
        }
        page.markup(".</p>\n")
        writeDistribution(into: &page)
        writeSectionTokens(into: &page)
        writeCuts(into: &page)
        BudgetReportUsers(summary: summary, explanations: explanations).write(into: &page)
        page.markup("</body>\n</html>\n")
        return page.html
    }

    private func writeDistribution(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"distribution\">Tokens of the block against the budget</h2>\n")
        page.markup("<table class=\"figures\">\n")
        let figures = [
            ("users", summary.users), ("budget", summary.budget), ("p50", summary.totalP50),
            ("p95", summary.totalP95), ("max", summary.totalMax), ("rendered", summary.totals.count),
            ("did not fit", summary.overBudget.count), ("refused: a row of another user", summary.sourceIntegrity.count),
            ("cut with the overflow marker", summary.cutWithMarker.count),
        ]
        for (name, value) in figures {
            page.markup("<tr><th class=\"name\">\(name)</th><td>")
            page.number(value)
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n<p>Users by the tokens of their block (users whose required content did not fit ")
        page.markup("are not drawn); the red line is the budget.</p>\n")
        TokenDistributionChart(
            histogram: TokenHistogram(totals: summary.totals, budget: summary.budget), budget: summary.budget,
            p50: summary.totalP50, p95: summary.totalP95
        ).write(into: &page)
    }

    private func writeSectionTokens(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"sections\">Tokens per section</h2>\n<ul class=\"legend\">")
        for (segment, name) in [("seg-p50", "up to p50"), ("seg-p95", "p50 to p95"), ("seg-max", "p95 to max")] {
            page.markup("<li><span class=\"swatch \(segment)\"></span>\(name)</li>")
        }
        page.markup("</ul>\n")
        SectionTokensChart(sections: summary.sections).write(into: &page)
        page.markup("<table class=\"sections\">\n<tr><th class=\"name\">section</th><th>p50</th><th>p95</th><th>max</th></tr>\n")
        for section in summary.sections {
            page.markup("<tr><td class=\"name\">")
            page.text(section.id)
            for value in [section.p50, section.p95, section.max] {
                page.markup("</td><td>")
                page.number(value)
            }
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n")
    }

    private func writeCuts(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"cuts\">How often each section is cut, by rule</h2>\n")
        page.markup("<p>Users whose section lost items, by rule; one user can count under several rules. ")
        page.markup("<em>cut</em> counts users cut by the compiler (budget, cap or truncated).</p>\n<ul class=\"legend\">")
        for rule in CutRule.allCases {
            page.markup("<li><span class=\"swatch rule-\(rule.rawValue)\"></span><strong>\(rule.rawValue)</strong>: ")
            page.text(rule.meaning)
            page.markup("</li>")
        }
        page.markup("</ul>\n")
        SectionCutsChart(sections: summary.sections, users: summary.users).write(into: &page)
        page.markup("<table class=\"cuts\">\n<tr><th class=\"name\">section</th><th>cut</th>")
        for rule in CutRule.allCases { page.markup("<th>\(rule.rawValue)</th>") }
        page.markup("</tr>\n")
        for section in summary.sections {
            page.markup("<tr><td class=\"name\">")
            page.text(section.id)
            for value in [section.cut] + CutRule.allCases.map({ section.cutByRule[$0] }) {
                page.markup("</td><td>")
                page.number(value)
            }
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n")
    }
}
