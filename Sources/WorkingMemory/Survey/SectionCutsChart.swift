/// The SVG of how often each section was cut, by rule: per section one bar per `CutRule`, as a share of users.
///
/// Grouped rather than stacked: one user can be cut by several rules, so the counts do not add up.
struct SectionCutsChart {
    let sections: [BudgetSurveySummary.Section]
    let users: Int

    /// Layout, in pixels.
    let labelRight = 190, left = 200, right = 740, barHeight = 13, groupGap = 14, top = 10

    /// Appends the chart's `<svg>` element.
    func write(into page: inout HTMLBuffer) {
        let groupHeight = CutRule.allCases.count * barHeight + groupGap
        let height = top * 2 + Swift.max(sections.count, 1) * groupHeight
        let scale = Swift.max(users, 1)
        let width = right - left
        page.markup("<svg width=\"900\" height=\"\(height)\" viewBox=\"0 0 900 \(height)\" role=\"img\" ")
        page.markup("aria-label=\"users with the section cut, by rule\">\n")
        page.markup("<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - top)\"/>\n")
        for (row, section) in sections.enumerated() {
            let y = top + row * groupHeight
            page.markup("<text x=\"\(labelRight)\" y=\"\(y + CutRule.allCases.count * barHeight / 2 + 4)\" text-anchor=\"end\">")
            page.text(section.id)
            page.markup("</text>\n")
            for (index, rule) in CutRule.allCases.enumerated() {
                let count = section.cutByRule[rule]
                let barY = y + index * barHeight
                let barWidth = count * width / scale
                if barWidth > 0 {
                    page.markup("<rect class=\"rule-\(rule.rawValue)\" x=\"\(left)\" y=\"\(barY)\" width=\"\(barWidth)\" ")
                    page.markup("height=\"\(barHeight - 1)\"/>")
                }
                page.markup("<text x=\"\(left + barWidth + 4)\" y=\"\(barY + barHeight - 1)\" class=\"small\">")
                page.markup(rule.rawValue)
                page.markup(" ")
                page.number(count)
                page.markup("</text>\n")
            }
        }
        page.markup("</svg>\n")
    }
}
