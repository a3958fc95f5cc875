import Foundation
import Testing
@testable import Tokenization
import SeededRandom

@Suite struct RankFileTests {
    @Test func sha256MatchesPublishedVectors() {
        #expect(SHA256.hexDigest(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The load-time checksum matches an independent implementation (Python, 64-bit arithmetic) on small inputs.
    @Test func checksumMatchesReferenceValues() {
        #expect(RankFileChecksum.hex(of: []) == "0000000000000000")
        #expect(RankFileChecksum.hex(of: Array("abc".utf8)) == "6da1f64cd4771f70")
    }

    /// The resources have the recorded sha256 and the recorded load-time checksum.
    @Test(arguments: [RankFile.o200kBase, RankFile.cl100kBase])
    func resourcesHaveTheirRecordedChecksums(file: RankFile) throws {
        let bytes = try file.readResource()
        #expect(SHA256.hexDigest(of: bytes) == file.compactSHA256)
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
        #expect(SHA256.hexDigest(of: text) == file.sourceSHA256)
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
