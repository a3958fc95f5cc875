import ArgumentParser
import Tokenization

/// `wm tokens`: the token count of a text, or its token ids.
package struct TokensCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Print the token count of a text, or its token ids as one JSON array.",
        discussion: """
            Reads FILE, or standard input when FILE is '-' or absent. Input that is not valid UTF-8 is read \
            with each invalid byte sequence replaced by U+FFFD, the way tiktoken's callers decode bytes. \
            Special-token text such as <|endoftext|> counts as ordinary text.
            'claude-3' (Claude 3 to Opus 4.6) and 'claude-4.7' (Opus 4.7 and later; 'claude' is its alias) are \
            upper bounds of Claude's count of the text alone, without the per-message frame; they and \
            'heuristic' are estimates and are printed as '<count> (estimate)'.
            Exit status: 0 ok, 64 usage error, 65 unreadable input, 70 damaged tokenizer data.
            """
    )

    package init() {}

    @Option(help: "Encoding.")
    var encoding: TokenizerKind = .o200kBase

    @Flag(help: "Print the token ids as one JSON array instead of the count (exact encodings only).")
    var ids = false

    @Argument(help: "The text file to read; '-' or nothing for standard input.")
    var file: String?

    package func validate() throws {
        if ids && encoding.isEstimate {
            throw ValidationError("--ids needs an exact encoding (o200k_base or cl100k_base), not '\(encoding.rawValue)'")
        }
    }

    package func run() async throws {
        let kind = encoding
        try await reportingFailures {
            let text = String(decoding: try InputReader.readAll(file), as: UTF8.self)
            if ids {
                let encoder = kind == .cl100kBase ? try BytePairEncoding.cl100kBase() : try BytePairEncoding.o200kBase()
                print("[" + encoder.encode(text).map(String.init).joined(separator: ",") + "]")
            } else {
                let counter = try kind.makeCounter()
                let count = counter.count(text)
                print(counter.isEstimate ? "\(count) (estimate)" : "\(count)")
            }
        }
    }
}
