/// Why a tokenizer could not be loaded or an id sequence could not be decoded.
public enum TokenizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rank file of `encoding` was found in none of the `searched` paths (a broken build or install).
    case rankFileMissing(encoding: String, searched: [String])
    /// The rank file of `encoding` could not be read from `path`.
    case rankFileUnreadable(encoding: String, path: String, reason: String)
    /// The rank file's checksum (`RankFileChecksum`) is not the one this build expects: the file is damaged or was replaced.
    case rankFileChecksumMismatch(encoding: String, expected: String, actual: String)
    /// The rank file passed its checksum but its layout is not the expected one (a build mismatch).
    case rankFileMalformed(encoding: String, reason: String)
    /// `decode` was given an id that is not a token of `encoding`.
    case unknownTokenID(Int, encoding: String)

    public var description: String {
        switch self {
        case .rankFileMissing(let encoding, let searched):
            return "rank file \(encoding).bpe not found (searched \(searched.joined(separator: ", "))); "
                + "install working-memory_Tokenization.resources next to the executable or set WM_TOKENIZATION_RESOURCES"
        case .rankFileUnreadable(let encoding, let path, let reason):
            return "cannot read the rank file for \(encoding) at \(path): \(reason)"
        case .rankFileChecksumMismatch(let encoding, let expected, let actual):
            return "rank file for \(encoding) is damaged: checksum \(actual), expected \(expected); "
                + "restore Sources/Tokenization/Resources from git or regenerate it with scripts/tokenizer"
        case .rankFileMalformed(let encoding, let reason):
            return "rank file for \(encoding) is malformed: \(reason)"
        case .unknownTokenID(let id, let encoding):
            return "token id \(id) does not exist in \(encoding)"
        }
    }
}
