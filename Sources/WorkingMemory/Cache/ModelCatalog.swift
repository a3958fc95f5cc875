import Foundation
import Tokenization
import WireFormats

/// The models a cache check knows: each one's minimum cacheable prefix, its tokenizer, and where the value
/// comes from (`templates/models.json`).
public struct ModelCatalog: Sendable {
    /// One model's entry.
    public struct Model: Sendable, Equatable {
        public let name: String
        public let provider: String
        /// The shortest prefix the provider caches, in the model's tokens.
        public let minimumPrefixTokens: Int
        /// The counter the prefix is counted with for this model.
        public let tokenizer: TokenizerKind
        /// The page the minimum comes from, and the date it was checked there.
        public let source: String
        public let checked: String
    }

    /// The models, in the file's order.
    public let models: [Model]

    /// The entry for `name`; nil when the catalog has none.
    public func model(named name: String) -> Model? {
        models.first { $0.name == name }
    }

    /// The names, in the file's order (for a message that lists the choices).
    public var names: [String] { models.map(\.name) }

    /// Reads a catalog file.
    ///
    /// - Throws: `ModelCatalogError` naming the file and what is wrong in it.
    public init(contentsOf url: URL) throws(ModelCatalogError) {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch { throw .unreadable(url.path) }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .invalid(url.path, "\(error)") }
        guard case .array(let entries)? = value["models"] else { throw .invalid(url.path, "no \"models\" array") }
        var models: [Model] = []
        for (index, entry) in entries.enumerated() {
            func text(_ key: String) throws(ModelCatalogError) -> String {
                guard case .string(let text)? = entry[key], !text.isEmpty else {
                    throw .invalid(url.path, "models[\(index)].\(key) must be a non-empty string")
                }
                return text
            }
            guard case .integer(let minimum)? = entry["minimum_prefix_tokens"], minimum > 0 else {
                throw .invalid(url.path, "models[\(index)].minimum_prefix_tokens must be a positive integer")
            }
            let tokenizerName = try text("tokenizer")
            guard let tokenizer = TokenizerKind(rawValue: tokenizerName) else {
                throw .invalid(url.path, "models[\(index)].tokenizer \"\(tokenizerName)\" is not a tokenizer this build has")
            }
            let model = Model(name: try text("name"), provider: try text("provider"), minimumPrefixTokens: Int(minimum),
                              tokenizer: tokenizer, source: try text("source"), checked: try text("checked"))
            guard !models.contains(where: { $0.name == model.name }) else {
                throw .invalid(url.path, "models[\(index)].name \"\(model.name)\" is listed twice")
            }
            models.append(model)
        }
        self.models = models
    }
}

/// Why a model catalog could not be read.
public enum ModelCatalogError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the model catalog \(path)"
        case .invalid(let path, let problem): "model catalog \(path): \(problem)"
        }
    }
}
