import Testing
@testable import Tokenization
import SeededRandom

@Suite struct BytePairEncodingTests {
    @Test func decodeRejectsUnknownIDs() throws {
        let encoding = try BytePairEncoding.o200kBase()
        #expect(throws: TokenizationError.unknownTokenID(199_998, encoding: "o200k_base")) {
            try encoding.decode([24912, 199_998])
        }
        #expect(throws: TokenizationError.unknownTokenID(-1, encoding: "o200k_base")) { try encoding.decode([-1]) }
    }

    @Test func decodeReplacesInvalidUTF8LikeTiktoken() throws {
        let encoding = try BytePairEncoding.o200kBase()
        // The first byte of "é" alone is a token of its own but not valid UTF-8.
        let firstByteRank = Int(encoding.table.byteRanks[0xC3])
        #expect(try encoding.decode([firstByteRank]) == "\u{FFFD}")
    }

    @Test func emptyTextHasNoTokens() throws {
        #expect(try BytePairEncoding.o200kBase().encode("") == [])
        #expect(try BytePairEncoding.cl100kBase().count("") == 0)
    }

    @Test func tablesAreSharedAndSizedAsPublished() throws {
        #expect(try BytePairEncoding.o200kBase().vocabularySize == 199_998)
        #expect(try BytePairEncoding.cl100kBase().vocabularySize == 100_256)
    }

    /// The heap merge used for long pieces gives the same ids as the scan merge used for short ones.
    @Test(arguments: ["o200k_base", "cl100k_base"])
    func heapMergeEqualsScanMerge(encodingName: String) throws {
        let encoding = encodingName == "o200k_base" ? try BytePairEncoding.o200kBase() : try BytePairEncoding.cl100kBase()
        var generator = SeededGenerator(seed: 7)
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("etaoin shrdlu".utf8), Array("xyzq".utf8), (0...255).map { UInt8($0) }]
        for round in 0..<200 {
            let alphabet = alphabets[round % alphabets.count]
            let length = 2 + Int(generator.next() % 300)
            let piece = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var scanned = RankCollector()
            var heaped = RankCollector()
            piece.withUnsafeBufferPointer { bytes in
                encoding.table.withView { view in
                    BytePairMerge.mergeByScanning(bytes.baseAddress!, count: length, table: view, into: &scanned)
                    BytePairMerge.mergeWithHeap(bytes.baseAddress!, count: length, table: view, into: &heaped)
                }
            }
            #expect(scanned.ids == heaped.ids)
        }
    }

    @Test func concurrentUseGivesTheSameIDs() async throws {
        let encoding = try BytePairEncoding.o200kBase()
        let text = String(repeating: "Concurrency is safe: the table is immutable. 並行 ", count: 50)
        let expected = encoding.encode(text)
        let results = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 { group.addTask { encoding.encode(text) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}


@Suite struct ScalarClassTests {
    /// ScalarClass looks up White_Space only for Cc, Zs, Zl and Zp scalars; this checks that premise.
    @Test func everyWhitespaceScalarIsAControlOrSeparator() {
        var whitespace = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else { continue }
            whitespace += 1
            let category = scalar.properties.generalCategory
            #expect([.control, .spaceSeparator, .lineSeparator, .paragraphSeparator].contains(category), "U+\(String(value, radix: 16))")
            #expect(ScalarClass.of(value).isWhitespace)
        }
        #expect(whitespace >= 25)
    }

    /// The fast paths (ASCII comparisons, the low-plane table) agree with the property lookup everywhere.
    @Test func fastClassesMatchThePropertyLookup() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF where ScalarClass.of(value) != ScalarClass.computed(value) {
            mismatches.append(value)
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5).map { String($0, radix: 16) })")
    }
}
