/// An exact tiktoken-compatible encoding (`o200k_base` or `cl100k_base`): encode, count and decode.
///
/// Ids are identical to tiktoken's `encode_ordinary`: special-token text such as `<|endoftext|>` is ordinary
/// text. Instances share one immutable table per encoding and are safe to use from many tasks at once.
/// Get one with `BytePairEncoding.o200kBase()` / `.cl100kBase()` or `TokenizerKind.makeCounter()`.
public struct BytePairEncoding: TokenCounter {
    public var name: String { table.encoding }
    public let isEstimate = false

    let table: RankTable
    private let splitter: Splitter

    enum Splitter: Sendable { case o200k, cl100k }

    init(table: RankTable, splitter: Splitter) {
        self.table = table
        self.splitter = splitter
    }

    /// The o200k_base encoding, loaded on first use and then shared for the life of the process.
    ///
    /// Throws `TokenizationError` when the rank file is missing or damaged (every call throws the same error).
    public static func o200kBase() throws(TokenizationError) -> BytePairEncoding {
        try SharedEncodings.o200k.get()
    }

    /// The cl100k_base encoding, loaded on first use and then shared for the life of the process.
    public static func cl100kBase() throws(TokenizationError) -> BytePairEncoding {
        try SharedEncodings.cl100k.get()
    }

    /// A freshly loaded, unshared copy of an exact encoding (nil for estimate kinds), to measure load cost.
    ///
    /// Everything else should use the shared `o200kBase()` / `cl100kBase()`, which load once per process.
    public static func loadUncached(_ kind: TokenizerKind) throws(TokenizationError) -> BytePairEncoding? {
        switch kind {
        case .o200kBase: return BytePairEncoding(table: try RankFile.o200kBase.load(), splitter: .o200k)
        case .cl100kBase: return BytePairEncoding(table: try RankFile.cl100kBase.load(), splitter: .cl100k)
        case .claude3, .claude47, .claude, .heuristic: return nil
        }
    }

    /// Number of tokens in the vocabulary (ids are `0 ..< vocabularySize`).
    public var vocabularySize: Int { table.tokenCount }

    /// The token ids of `text`.
    public func encode(_ text: String) -> [Int] {
        var collector = RankCollector()
        collector.ids.reserveCapacity(text.utf8.count / 3 + 1)
        run(text, into: &collector)
        return collector.ids
    }

    /// The number of tokens of `text`; the same as `encode(text).count`, without building the array.
    public func count(_ text: String) -> Int {
        var counter = RankCounter()
        run(text, into: &counter)
        return counter.count
    }

    /// The number of tokens of the UTF-8 text in `bytes`; the same as `count(_:)` of that text.
    ///
    /// `bytes` must be valid UTF-8 (for example bytes copied from a `String`): the splitter decodes without
    /// checking. Lets callers count a slice or a text assembled in a scratch buffer without making a `String`.
    public func count(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        var counter = RankCounter()
        table.withView { view in
            switch splitter {
            case .o200k: Self.encode(base, count: bytes.count, O200kSplitter.self, view, into: &counter)
            case .cl100k: Self.encode(base, count: bytes.count, Cl100kSplitter.self, view, into: &counter)
            }
        }
        return counter.count
    }

    /// Calls `body` with each o200k piece of `bytes` (valid UTF-8), its token count and how many of its
    /// tokens have a rank of at least `rareFrom`, in order (for `ClaudeBoundCounter`).
    func forEachPiece(
        of bytes: UnsafeBufferPointer<UInt8>, rareFrom: UInt32,
        _ body: (UnsafeBufferPointer<UInt8>, _ tokens: Int, _ rare: Int) -> Void
    ) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(splitter == .o200k, "the Claude bounds are fitted on o200k pieces")
        table.withView { view in
            var start = 0
            while start < bytes.count {
                let end = O200kSplitter.pieceEnd(base, count: bytes.count, from: start)
                var sink = RareRankCounter(rareFrom: rareFrom)
                BytePairMerge.encode(base + start, count: end - start, table: view, into: &sink)
                body(UnsafeBufferPointer(start: base + start, count: end - start), sink.count, sink.rare)
                start = end
            }
        }
    }

    /// The bytes the ids stand for, concatenated.
    public func decodeBytes(_ ids: [Int]) throws(TokenizationError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids {
            guard id >= 0 && id < table.tokenCount else {
                throw .unknownTokenID(id, encoding: table.encoding)
            }
            bytes.append(contentsOf: table.tokenBytes[Int(table.offsets[id]) ..< Int(table.offsets[id + 1])])
        }
        return bytes
    }

    /// The text the ids stand for; byte sequences that are not valid UTF-8 become U+FFFD, as in tiktoken.
    ///
    /// `decode(encode(text)) == text` for every text. Throws `.unknownTokenID` for ids outside the vocabulary.
    public func decode(_ ids: [Int]) throws(TokenizationError) -> String {
        String(decoding: try decodeBytes(ids), as: UTF8.self)
    }

    private func run<Sink: RankSink>(_ text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, utf8.count > 0 else { return }
            table.withView { view in
                switch splitter {
                case .o200k: Self.encode(base, count: utf8.count, O200kSplitter.self, view, into: &sink)
                case .cl100k: Self.encode(base, count: utf8.count, Cl100kSplitter.self, view, into: &sink)
                }
            }
        }
    }

    @inline(__always)
    private static func encode<Split: PieceSplitter, Sink: RankSink>(
        _ text: UnsafePointer<UInt8>, count: Int, _ splitter: Split.Type, _ view: RankTable.View,
        into sink: inout Sink
    ) {
        var start = 0
        while start < count {
            let end = Split.pieceEnd(text, count: count, from: start)
            BytePairMerge.encode(text + start, count: end - start, table: view, into: &sink)
            start = end
        }
    }
}

/// The process-wide tables, each loaded once on first use (Swift initialises static lets exactly once).
enum SharedEncodings {
    static let o200k: Result<BytePairEncoding, TokenizationError> = Result { () throws(TokenizationError) in
        BytePairEncoding(table: try RankFile.o200kBase.load(), splitter: .o200k)
    }
    static let cl100k: Result<BytePairEncoding, TokenizationError> = Result { () throws(TokenizationError) in
        BytePairEncoding(table: try RankFile.cl100kBase.load(), splitter: .cl100k)
    }
}
