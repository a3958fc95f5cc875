import Testing
@testable import Tokenization

@Suite struct TokenizerKindTests {
    @Test func rawValuesAreTheCommandLineNames() {
        #expect(TokenizerKind.allCases.map(\.rawValue) == ["o200k_base", "cl100k_base", "claude", "heuristic"])
    }

    @Test(arguments: TokenizerKind.allCases)
    func everyKindMakesACounterLabelledLikeTheKind(kind: TokenizerKind) throws {
        let counter = try kind.makeCounter()
        #expect(counter.isEstimate == kind.isEstimate)
        if counter.isEstimate {
            #expect(counter.name == "heuristic" || counter.name.contains("estimate"))
        } else {
            #expect(counter.name == kind.rawValue)
        }
        #expect(counter.count("hello world") >= 2)
    }

    @Test func claudeEstimateIsTheCeilingOfO200kTimesTheFactor() throws {
        let o200k = try BytePairEncoding.o200kBase()
        let claude = try TokenizerKind.claude.makeCounter()
        for text in ["hello world", "", "The budget is a promise.", String(repeating: "token ", count: 37)] {
            let exact = o200k.count(text)
            #expect(claude.count(text) == Int((Double(exact) * 1.6).rounded(.up)))
            #expect(claude.count(text) >= exact)
        }
        let custom = ClaudeEstimateCounter(o200k: o200k, factor: 1.2)
        #expect(custom.estimate(fromO200kCount: 10) == 12)
        #expect(custom.estimate(fromO200kCount: 11) == 14)
    }
}
