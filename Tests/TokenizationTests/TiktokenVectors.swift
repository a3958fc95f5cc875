import Foundation

/// The committed vectors made by tiktoken 0.14.0 (scripts/tokenizer/make-test-vectors.py).
struct TiktokenVectors: Decodable {
    struct Case: Decodable {
        let name: String
        let text: String
        let o200k: [Int]
        let cl100k: [Int]

        enum CodingKeys: String, CodingKey {
            case name, text
            case o200k = "o200k_base"
            case cl100k = "cl100k_base"
        }
    }

    let generator: String
    let cases: [Case]

    /// Loaded once; a missing or unreadable file fails every test that uses it (a broken checkout, not a skip).
    static let shared: Result<TiktokenVectors, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "tiktoken-vectors", withExtension: "json", subdirectory: "Vectors")
        else { throw CocoaError(.fileNoSuchFile) }
        return try JSONDecoder().decode(TiktokenVectors.self, from: Data(contentsOf: url))
    }
}
