/// The SVG histogram of users by their block's tokens, with the budget, p50 and p95 drawn as lines.
///
/// Integer coordinates only, so the same figures give the same bytes.
struct TokenDistributionChart {
    let histogram: TokenHistogram
    let budget: Int
    let p50: Int
    let p95: Int

    /// Layout, in pixels.
    let left = 70, right = 880, top = 56, bottom = 250, height = 290

    /// Appends the chart's `<svg>` element.
    func write(into page: inout HTMLBuffer) {
        let plotWidth = right - left, plotHeight = bottom - top
        let tallest = Swift.max(histogram.counts.max() ?? 0, 1)
        page.markup("<svg width=\"900\" height=\"\(height)\" viewBox=\"0 0 900 \(height)\" role=\"img\" ")
        page.markup("aria-label=\"users by tokens of the block\">\n")
        let step = plotWidth / histogram.counts.count
        for (index, count) in histogram.counts.enumerated() where count > 0 {
            let barHeight = Swift.max(1, count * plotHeight / tallest)
            page.markup("<rect class=\"bar\" x=\"\(left + index * step + 1)\" y=\"\(bottom - barHeight)\" ")
            page.markup("width=\"\(step - 2)\" height=\"\(barHeight)\"><title>")
            page.number(index * histogram.width)
            page.markup("\u{2013}")
            page.number((index + 1) * histogram.width - 1)
            page.markup(" tokens: ")
            page.number(count)
            page.markup(" users</title></rect>\n")
        }
        // Axes, the count scale and the token ticks.
        page.markup("<line class=\"axis\" x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\"/>\n")
        page.markup("<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\"/>\n")
        page.markup("<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(tallest)</text>\n")
        page.markup("<text x=\"\(left - 6)\" y=\"\(bottom)\" text-anchor=\"end\">0</text>\n")
        page.markup("<text x=\"14\" y=\"\((top + bottom) / 2)\" transform=\"rotate(-90 14 \((top + bottom) / 2))\" ")
        page.markup("text-anchor=\"middle\">users</text>\n")
        for tick in stride(from: 0, through: histogram.counts.count, by: 5) {
            let x = left + tick * step
            page.markup("<line class=\"axis\" x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\" y2=\"\(bottom + 5)\"/>")
            page.markup("<text x=\"\(x)\" y=\"\(bottom + 18)\" text-anchor=\"middle\">\(tick * histogram.width)</text>\n")
        }
        page.markup("<text x=\"\((left + right) / 2)\" y=\"\(bottom + 36)\" text-anchor=\"middle\">tokens of the block</text>\n")
        // The budget and the percentiles, each labelled on its own line above the plot.
        let marks = [("budget", "budget", budget), ("p95", "p95", p95), ("p50", "p50", p50)]
        for (row, mark) in marks.enumerated() {
            let x = left + mark.2 * plotWidth / histogram.upperBound
            let labelY = 14 + row * 14
            page.markup("<line class=\"\(mark.0)\" x1=\"\(x)\" y1=\"\(labelY + 2)\" x2=\"\(x)\" y2=\"\(bottom)\"/>")
            // Near the right edge the label goes left of its line.
            let anchor = x > right - 120 ? "x=\"\(x - 4)\" text-anchor=\"end\"" : "x=\"\(x + 4)\""
            page.markup("<text \(anchor) y=\"\(labelY)\">\(mark.1) \(mark.2)</text>\n")
        }
        page.markup("</svg>\n")
    }
}
