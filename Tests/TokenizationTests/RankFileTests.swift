import Crypto
import Foundation
import SeededRandom
import Testing
@testable import Tokenization

@Suite struct RankFileTests {
    /// The load-time checksum matches an independent implementation (Python, 64-bit arithmetic) on small inputs.
    @Test func checksumMatchesReferenceValues() {
        #expect(RankFileChecksum.hex(of: []) == "0000000000000000")
        #expect(RankFileChecksum.hex(of: Array("abc".utf8)) == "6da1f64cd4771f70")
    }

    /// The resources have the recorded sha256 and the recorded load-time checksum.
    @Test(arguments: [RankFile.o200kBase, RankFile.cl100kBase])
    func resourcesHaveTheirRecordedChecksums(file: RankFile) throws {
        let bytes = try file.readResource()
        #expect(sha256Hex(bytes) == file.compactSHA256)
        #expect(RankFileChecksum.hex(of: bytes) == file.compactChecksum)
    }

    /// A change anywhere in the file, one bit or a whole word, changes the load-time checksum.
    @Test func checksumSeesEveryChange() throws {
        let bytes = try RankFile.cl100kBase.readResource()
        let original = RankFileChecksum.of(bytes)
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            var changed = bytes
            let position = Int(generator.next() % UInt64(changed.count))
            changed[position] ^= UInt8(1 << (generator.next() % 8))
            #expect(RankFileChecksum.of(changed) != original)
        }
        #expect(RankFileChecksum.of(bytes + [0]) != original)
        #expect(RankFileChecksum.of(Array(bytes.dropLast())) != original)
    }

    /// The compact resource rebuilds the original `.tiktoken` file byte for byte (checked by its sha256).
    @Test(arguments: [RankFile.o200kBase, RankFile.cl100kBase])
    func compactFileRebuildsTheSourceRankFile(file: RankFile) throws {
        let table = try file.load()
        var text = [UInt8]()
        text.reserveCapacity(4_000_000)
        for rank in 0..<table.tokenCount {
            let token = Data(table.tokenBytes[Int(table.offsets[rank]) ..< Int(table.offsets[rank + 1])])
            text.append(contentsOf: token.base64EncodedString().utf8)
            text.append(contentsOf: " \(rank)\n".utf8)
        }
        #expect(sha256Hex(text) == file.sourceSHA256)
        #expect(table.tokenCount == file.tokenCount)
    }

    @Test func damagedFileIsAClearTypedError() throws {
        var bytes = try RankFile.cl100kBase.readResource()
        bytes[bytes.count / 2] ^= 0x01
        #expect(RankFileChecksum.hex(of: bytes) != RankFile.cl100kBase.compactChecksum)
        do {
            _ = try RankTable(compact: bytes, file: .cl100kBase)
            Issue.record("a damaged rank file was accepted")
        } catch {
            guard case .rankFileChecksumMismatch(let encoding, let expected, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(encoding == "cl100k_base")
            #expect(expected == RankFile.cl100kBase.compactChecksum)
            #expect(error.description.contains("damaged"))
        }
    }
}

@Suite struct RankFileLocationTests {
    @Test func findsTheShippedFilesWithoutAnOverride() throws {
        let path = try RankFileLocation.path(of: "o200k_base", environment: [:])
        #expect(path.hasSuffix("/o200k_base.bpe"))
    }

    @Test func anOverrideIsTheOnlyPlaceSearched() throws {
        let shipped = URL(fileURLWithPath: try RankFileLocation.path(of: "cl100k_base", environment: [:]))
            .deletingLastPathComponent().path
        let variable = RankFileLocation.environmentVariable
        #expect(try RankFileLocation.path(of: "cl100k_base", environment: [variable: shipped]) == shipped + "/cl100k_base.bpe")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wm-no-ranks-\(UUID().uuidString)").path
        #expect(throws: TokenizationError.rankFileMissing(encoding: "cl100k_base", searched: [empty + "/cl100k_base.bpe"])) {
            try RankFileLocation.path(of: "cl100k_base", environment: [variable: empty])
        }
    }
}

/// The SHA-256 of `bytes` in lowercase hex (swift-crypto's), as `sha256sum` prints it.
func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
    SHA256.hash(data: Array(bytes)).map { byte in
        let digits = String(byte, radix: 16)
        return byte < 0x10 ? "0" + digits : digits
    }.joined()
}
