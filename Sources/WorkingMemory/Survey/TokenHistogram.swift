/// Users counted by their block's tokens in equal-width bins from 0: the report's distribution chart.
///
/// The bins cover 0 up to at least the budget and the largest total, so the budget always falls inside the
/// chart. Bin `i` holds totals in `i * width ..< (i + 1) * width`; the last bin also holds its upper bound.
struct TokenHistogram: Equatable {
    /// Tokens each bin spans (at least 1).
    let width: Int
    /// Users per bin, from 0 tokens up.
    let counts: [Int]

    /// Tokens covered by all the bins.
    var upperBound: Int { width * counts.count }

    /// Bins `totals` (any order) into `binCount` bins reaching at least `budget` and the largest total.
    init(totals: [Int], budget: Int, binCount: Int = 20) {
        let top = Swift.max(budget, totals.max() ?? 0, 1)
        width = Swift.max(1, (top + binCount - 1) / binCount)
        var counts = Array(repeating: 0, count: binCount)
        for total in totals {
            counts[Swift.min(Swift.max(total, 0) / width, binCount - 1)] += 1
        }
        self.counts = counts
    }
}
