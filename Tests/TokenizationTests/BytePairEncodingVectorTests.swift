import Testing
@testable import Tokenization

@Suite struct BytePairEncodingVectorTests {
    let vectors: TiktokenVectors

    init() throws { vectors = try TiktokenVectors.shared.get() }

    @Test func vectorsCoverTheRequiredCategories() {
        #expect(vectors.cases.count >= 2_400)
        #expect(vectors.cases.filter { $0.name.hasPrefix("random ") }.count >= 2_000)
        let names = Set(vectors.cases.map(\.name))
        for required in ["crlf", "lone cr", "nbsp", "zwj emoji", "cjk", "contractions any case", "endoftext as text"] {
            #expect(names.contains(required), "missing vector category \(required)")
        }
    }

    @Test func helloWorldMatchesTheFactSheet() throws {
        #expect(try BytePairEncoding.o200kBase().encode("hello world") == [24912, 2375])
        #expect(try BytePairEncoding.cl100kBase().encode("hello world") == [15339, 1917])
    }

    @Test(arguments: ["o200k_base", "cl100k_base"])
    func idsAreIdenticalToTiktoken(encodingName: String) throws {
        let encoding = encodingName == "o200k_base" ? try BytePairEncoding.o200kBase() : try BytePairEncoding.cl100kBase()
        var mismatches = 0
        for testCase in vectors.cases {
            let expected = encodingName == "o200k_base" ? testCase.o200k : testCase.cl100k
            let actual = encoding.encode(testCase.text)
            if actual != expected {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(encodingName) \(testCase.name) \(testCase.text.unicodeScalars.map { String($0.value, radix: 16) }): got \(actual), tiktoken \(expected)")
                }
            }
            #expect(encoding.count(testCase.text) == expected.count)
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: ["o200k_base", "cl100k_base"])
    func decodeInvertsEncode(encodingName: String) throws {
        let encoding = encodingName == "o200k_base" ? try BytePairEncoding.o200kBase() : try BytePairEncoding.cl100kBase()
        for testCase in vectors.cases {
            let decoded = try encoding.decode(encoding.encode(testCase.text))
            #expect(decoded.unicodeScalars.elementsEqual(testCase.text.unicodeScalars), "\(testCase.name)")
        }
    }

    @Test func heuristicNeverUnderCounts() {
        let heuristic = HeuristicTokenCounter()
        for testCase in vectors.cases {
            let estimate = heuristic.count(testCase.text)
            #expect(estimate >= testCase.o200k.count, "\(testCase.name): \(estimate) < o200k \(testCase.o200k.count)")
            #expect(estimate >= testCase.cl100k.count, "\(testCase.name): \(estimate) < cl100k \(testCase.cl100k.count)")
        }
    }
}
