/// The SVG of tokens per section as stacked bars: up to p50, p50 to p95, p95 to max, one bar per section.
///
/// All bars share one scale (the largest section max), so sections compare at a glance; the figures are
/// written at the end of each bar.
struct SectionTokensChart {
    let sections: [BudgetSurveySummary.Section]

    /// Layout, in pixels.
    let labelRight = 190, left = 200, right = 740, rowHeight = 30, top = 10

    /// Appends the chart's `<svg>` element.
    func write(into page: inout HTMLBuffer) {
        let height = top * 2 + Swift.max(sections.count, 1) * rowHeight
        let scale = Swift.max(sections.map(\.max).max() ?? 0, 1)
        let width = right - left
        page.markup("<svg width=\"900\" height=\"\(height)\" viewBox=\"0 0 900 \(height)\" role=\"img\" ")
        page.markup("aria-label=\"tokens per section: p50, p95, max\">\n")
        for (row, section) in sections.enumerated() {
            let y = top + row * rowHeight
            page.markup("<text x=\"\(labelRight)\" y=\"\(y + 17)\" text-anchor=\"end\">")
            page.text(section.id)
            page.markup("</text>\n")
            var start = 0
            for (segment, end) in [("seg-p50", section.p50), ("seg-p95", section.p95), ("seg-max", section.max)] {
                let x0 = left + start * width / scale, x1 = left + end * width / scale
                if x1 > x0 {
                    page.markup("<rect class=\"\(segment)\" x=\"\(x0)\" y=\"\(y + 4)\" width=\"\(x1 - x0)\" height=\"\(rowHeight - 8)\"/>")
                }
                start = Swift.max(start, end)
            }
            page.markup("\n<text x=\"\(right + 8)\" y=\"\(y + 17)\">")
            page.number(section.p50)
            page.markup(" / ")
            page.number(section.p95)
            page.markup(" / ")
            page.number(section.max)
            page.markup("</text>\n")
        }
        page.markup("</svg>\n")
    }
}
