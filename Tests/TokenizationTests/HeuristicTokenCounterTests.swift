import Testing
@testable import Tokenization

@Suite struct HeuristicTokenCounterTests {
    @Test func countsASCIIAndNonASCIIWithTheDocumentedFormula() {
        let counter = HeuristicTokenCounter()
        #expect(counter.count("") == 0)
        #expect(counter.count("ab") == 1)          // ceil(2/2.2)
        #expect(counter.count(String(repeating: "a", count: 22)) == 10)
        #expect(counter.count("é") == 2)           // ceil(1.5)
        #expect(counter.isEstimate)
    }
}
