import Foundation

/// One golden case: a folder under `golden/` holding `case.json`, an input file and `expected/`.
///
/// `case.json`:
/// ```json
/// { "kind": "prompt", "input": "input.json", "template": "working-memory", "tokenizer": "o200k_base",
///   "overflow": "fail", "budgets": [ { "name": "generous", "budget": 4000 }, { "name": "default" } ] }
/// ```
/// `kind` selects the renderer (`prompt`: the input is a `PromptInput` JSON; other kinds, such as a
/// snapshot rendered through the builder, are registered by their module). A budget without a number
/// uses the template's default. For each budget the expected outputs are `expected/NAME.md` and
/// `expected/NAME.report.json`, or `expected/NAME.error.txt` when rendering must fail. A snapshot case may
/// also pin `wm render --explain` (`"explain": true`: `expected/NAME.explain.txt`) and the report's cache
/// section (`"cache": { "model": "gpt-4o", "static_prefix_tokens": 900 }`, a model of templates/models.json).
public struct GoldenCase: Sendable {
    public let name: String
    public let folder: URL
    public let configuration: Configuration

    public struct Configuration: Sendable, Codable {
        public var kind: String
        public var input: String
        public var template: String
        public var tokenizer: String?
        public var overflow: String?
        public var budgets: [Budget]
        /// Also pin the line-by-line explanation (`expected/NAME.explain.txt`); snapshot cases only.
        public var explain: Bool?
        /// Add the report's cache section for this model; snapshot cases only.
        public var cache: CacheCheck?
    }

    /// The model and static prefix of a case's cache section.
    public struct CacheCheck: Sendable, Codable {
        public var model: String
        public var staticPrefixTokens: Int?

        enum CodingKeys: String, CodingKey {
            case model
            case staticPrefixTokens = "static_prefix_tokens"
        }
    }

    public struct Budget: Sendable, Codable {
        public var name: String
        public var budget: Int?
    }

    /// The case's input file.
    public var inputURL: URL { folder.appendingPathComponent(configuration.input) }

    /// Reads the case in `folder`.
    public init(folder: URL) throws {
        self.folder = folder
        name = folder.lastPathComponent
        let data = try Data(contentsOf: folder.appendingPathComponent("case.json"))
        configuration = try JSONDecoder().decode(Configuration.self, from: data)
    }

    func expectedURL(_ budget: Budget, _ suffix: String) -> URL {
        folder.appendingPathComponent("expected").appendingPathComponent(budget.name + suffix)
    }
}

/// What a renderer produced for one case at one budget.
public enum GoldenOutput: Sendable, Equatable {
    /// `explanation`: the `--explain` text when the case asks for it.
    case rendered(markdown: String, reportJSON: String, explanation: String? = nil)
    /// Rendering failed; the error's description is the expected output.
    case failed(String)
}
