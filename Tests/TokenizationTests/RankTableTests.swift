import Testing
@testable import Tokenization
import SeededRandom

/// The rank table's hash lookup against the rank file itself.
@Suite struct RankTableTests {
    /// Every token's bytes find its own rank, whether they fit in a slot (12 bytes or fewer) or not.
    @Test(arguments: ["o200k_base", "cl100k_base"])
    func everyTokenFindsItsRank(encodingName: String) throws {
        let table = try encoding(encodingName).table
        var longTokens = 0
        var mismatches = 0
        table.tokenBytes.withUnsafeBufferPointer { bytes in
            table.withView { view in
                for rank in 0..<table.tokenCount {
                    let start = Int(table.offsets[rank])
                    let length = Int(table.offsets[rank + 1]) - start
                    if length > RankTable.Slot.inlineBytes { longTokens += 1 }
                    if view.rank(of: bytes.baseAddress! + start, count: length) != UInt32(rank) { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
        #expect(longTokens > 100)
    }

    /// Byte strings that are no token are absent, including those that share a token's first 12 bytes or
    /// differ from one only in length or in a zero byte (a slot pads with zeros).
    @Test(arguments: ["o200k_base", "cl100k_base"])
    func nonTokensAreAbsent(encodingName: String) throws {
        let table = try encoding(encodingName).table
        var known = Set<[UInt8]>()
        for rank in 0..<table.tokenCount {
            known.insert(Array(table.tokenBytes[Int(table.offsets[rank])..<Int(table.offsets[rank + 1])]))
        }
        var candidates: [[UInt8]] = []
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let rank = Int(generator.next() % UInt64(table.tokenCount))
            let token = Array(table.tokenBytes[Int(table.offsets[rank])..<Int(table.offsets[rank + 1])])
            candidates.append(token + [0])
            candidates.append(token + [UInt8(truncatingIfNeeded: generator.next())])
            candidates.append(Array(token.dropLast()))
            var changed = token
            changed[Int(generator.next() % UInt64(changed.count))] ^= 0x01
            candidates.append(changed)
        }
        var wrong = 0
        var absentChecked = 0
        table.withView { view in
            for candidate in candidates where candidate.count > 0 {
                let found = candidate.withUnsafeBufferPointer { view.rank(of: $0.baseAddress!, count: $0.count) }
                if known.contains(candidate) {
                    let start = Int(table.offsets[Int(found == RankTable.absent ? 0 : found)])
                    if found == RankTable.absent || Array(table.tokenBytes[start..<Int(table.offsets[Int(found) + 1])]) != candidate {
                        wrong += 1
                    }
                } else {
                    absentChecked += 1
                    if found != RankTable.absent { wrong += 1 }
                }
            }
        }
        #expect(wrong == 0)
        #expect(absentChecked > 40_000)
    }

    private func encoding(_ name: String) throws -> BytePairEncoding {
        name == "o200k_base" ? try BytePairEncoding.o200kBase() : try BytePairEncoding.cl100kBase()
    }
}
