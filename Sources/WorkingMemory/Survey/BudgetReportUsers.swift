/// The budget report page's part about single users: the worst cases with their explanations, the users whose
/// required content did not fit, the users refused for a row of another user, the users cut with the overflow
/// marker, and the failed sources.
struct BudgetReportUsers {
    let summary: BudgetSurveySummary
    let explanations: [String: String]

    /// Appends the part's headings, tables and `<pre id="explain-N">` explanations.
    func write(into page: inout HTMLBuffer) {
        writeWorstCases(into: &page)
        writeNotFitting(into: &page)
        writeRefused(into: &page)
        page.markup("<h2 id=\"marker\">Cut with the overflow marker</h2>\n<p>")
        page.number(summary.cutWithMarker.count)
        page.markup(" users.</p>\n")
        if !summary.cutWithMarker.isEmpty {
            page.markup("<ul>\n")
            for user in summary.cutWithMarker {
                page.markup("<li>")
                page.text(user)
                page.markup("</li>\n")
            }
            page.markup("</ul>\n")
        }
        page.markup("<h2 id=\"failed-sources\">Failed sources</h2>\n")
        if summary.failedSources.isEmpty {
            page.markup("<p>None.</p>\n")
        } else {
            page.markup("<table>\n<tr><th class=\"name\">source</th><th>users</th></tr>\n")
            for (table, count) in summary.failedSources.sorted(by: { $0.key < $1.key }) {
                page.markup("<tr><td class=\"name\">")
                page.text(table)
                page.markup("</td><td>")
                page.number(count)
                page.markup("</td></tr>\n")
            }
            page.markup("</table>\n")
        }
    }

    private func writeWorstCases(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"worst\">Worst cases</h2>\n<p>The users with the most tokens.</p>\n")
        page.markup("<table>\n<tr><th>rank</th><th class=\"name\">user</th><th>tokens</th><th class=\"name\">explanation</th></tr>\n")
        for (index, worst) in summary.worstCases.enumerated() {
            page.markup("<tr><td>\(index + 1)</td><td class=\"name\">")
            page.text(worst.user)
            page.markup("</td><td>")
            page.number(worst.tokens)
            page.markup("</td><td class=\"name\">")
            page.markup(explanations[worst.user] == nil ? "\u{2014}" : "<a href=\"#explain-\(index + 1)\">explanation</a>")
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n")
        for (index, worst) in summary.worstCases.enumerated() {
            guard let explanation = explanations[worst.user] else { continue }
            page.markup("<h3>\(index + 1). ")
            page.text(worst.user)
            page.markup(", ")
            page.number(worst.tokens)
            page.markup(" tokens <a href=\"#worst\">(back)</a></h3>\n")
            // The parser drops one newline right after <pre>: this one, so the text's own first line stays.
            page.markup("<pre id=\"explain-\(index + 1)\">\n")
            page.text(explanation)
            page.markup("</pre>\n")
        }
    }

    /// The users not rendered because the database returned a row of another user (fail closed).
    private func writeRefused(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"source-integrity\">Refused: a row of another user</h2>\n<p>")
        page.number(summary.sourceIntegrity.count)
        page.markup(" users: the database returned a row of another user for them, so nothing of theirs was rendered.</p>\n")
        guard !summary.sourceIntegrity.isEmpty else { return }
        page.markup("<table>\n<tr><th class=\"name\">user</th><th class=\"name\">reason</th></tr>\n")
        for failure in summary.sourceIntegrity {
            page.markup("<tr><td class=\"name\">")
            page.text(failure.user)
            page.markup("</td><td class=\"name\">")
            page.text(failure.reason)
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n")
    }

    private func writeNotFitting(into page: inout HTMLBuffer) {
        page.markup("<h2 id=\"did-not-fit\">Required content did not fit</h2>\n<p>")
        page.number(summary.overBudget.count)
        page.markup(" users: their rendering failed.</p>\n")
        guard !summary.overBudget.isEmpty else { return }
        page.markup("<table>\n<tr><th class=\"name\">user</th><th class=\"name\">reason</th></tr>\n")
        for failure in summary.overBudget {
            page.markup("<tr><td class=\"name\">")
            page.text(failure.user)
            page.markup("</td><td class=\"name\">")
            page.text(failure.reason)
            page.markup("</td></tr>\n")
        }
        page.markup("</table>\n")
    }
}
