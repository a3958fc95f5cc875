import Testing
@testable import WorkingMemory

/// The HTML budget report's parts that need no rendering: escaping and the token histogram's bins.
struct BudgetReportPageTests {
    @Test func textIsEscapedForTextAndAttributes() {
        var page = HTMLBuffer(reservingCapacity: 0)
        page.markup("<p title=\"")
        page.text("a<b>&\"c\"'d' é 🙂")
        page.markup("\">")
        page.text("plain")
        #expect(page.html == "<p title=\"a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; é 🙂\">plain")
    }

    @Test func theHistogramReachesTheBudgetAndTheLargestTotal() {
        let histogram = TokenHistogram(totals: [0, 99, 100, 1_999, 2_000], budget: 2_000)
        #expect(histogram.width == 100)
        #expect(histogram.counts.count == 20)
        #expect(histogram.counts[0] == 2)
        #expect(histogram.counts[1] == 1)
        #expect(histogram.counts[19] == 2)
        #expect(histogram.counts.reduce(0, +) == 5)
        let over = TokenHistogram(totals: [5_000, 10], budget: 2_000)
        #expect(over.upperBound >= 5_000)
        #expect(over.counts.last == 1)
        #expect(TokenHistogram(totals: [], budget: 0).width == 1)
    }
}
