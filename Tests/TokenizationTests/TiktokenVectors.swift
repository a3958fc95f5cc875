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

    static let shared: TiktokenVectors = {
        let url = Bundle.module.url(forResource: "tiktoken-vectors", withExtension: "json", subdirectory: "Vectors")!
        // The file is committed with the tests; failing to read it is a broken checkout, not a skip.
        return try! JSONDecoder().decode(TiktokenVectors.self, from: Data(contentsOf: url))
    }()
}
