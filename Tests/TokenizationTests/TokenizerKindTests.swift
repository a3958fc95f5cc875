import Testing
@testable import Tokenization

@Suite struct TokenizerKindTests {
    @Test func rawValuesAreTheCommandLineNames() {
        #expect(TokenizerKind.allCases.map(\.rawValue) == ["o200k_base", "cl100k_base", "claude-3", "claude-4.7", "claude", "heuristic"])
    }

    @Test(arguments: TokenizerKind.allCases)
    func everyKindMakesACounterLabelledLikeTheKind(kind: TokenizerKind) throws {
        let counter = try kind.makeCounter()
        #expect(counter.isEstimate == kind.isEstimate)
        if counter.isEstimate {
            // An estimate names what it estimates: the Claude family (`claude` is `claude-4.7`), or `heuristic`.
            let expected = kind == .claude ? "claude-4.7" : kind.rawValue
            #expect(counter.name == expected)
        } else {
            #expect(counter.name == kind.rawValue)
        }
        #expect(counter.count("hello world") >= 2)
    }

    @Test func claudeIsTheNewestFamilysBound() throws {
        let claude = try TokenizerKind.claude.makeCounter()
        let newest = try TokenizerKind.claude47.makeCounter()
        for text in ["hello world", "", "The budget is a promise.", String(repeating: "token ", count: 37)] {
            #expect(claude.count(text) == newest.count(text))
        }
    }
}
