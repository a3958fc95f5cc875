import Foundation
import PromptCompiler
import Synchronization
import Tokenization
import WireFormats
import WorkingMemory

/// The templates the service can render with, compiled once at start, and a renderer per
/// (template, tokenizer) made on first use and kept.
///
/// Only templates found in the templates folder at start can be named by a request (by name, never by
/// path). Creating the catalog compiles every template and warms each one's default tokenizer, so the
/// first request does not pay for loading a vocabulary.
public final class RendererCatalog: Sendable {
    /// The template used when a request names none.
    public let defaultTemplate: String
    private let templates: [String: PromptTemplate]
    private let renderers = Mutex<[String: WorkingMemoryRenderer]>([:])
    /// The models a request may name as `model=` (`models.json` in the templates folder); nil without one.
    public let models: ModelCatalog?
    /// Counters for the models' tokenizers, made on first use and kept.
    private let modelCounters = Mutex<[TokenizerKind: any TokenCounter]>([:])

    /// Compiles every `*.md` file in `folder`.
    ///
    /// - Throws: `CatalogError` when the folder cannot be read, holds no template, lacks `defaultTemplate`,
    ///   or a template does not compile (the error names the file and line).
    public init(templatesFolder folder: URL, defaultTemplate: String) throws {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        } catch {
            throw CatalogError("cannot read the templates folder \(folder.path): \(error.localizedDescription)")
        }
        var templates: [String: PromptTemplate] = [:]
        for file in files {
            do {
                let template = try PromptTemplate(contentsOfFile: folder.appendingPathComponent(file).path)
                templates[String(file.dropLast(3))] = template
            } catch {
                throw CatalogError("\(error)")
            }
        }
        guard templates[defaultTemplate] != nil else {
            throw CatalogError("no template \"\(defaultTemplate)\" in \(folder.path)")
        }
        self.templates = templates
        self.defaultTemplate = defaultTemplate
        let modelsFile = folder.appendingPathComponent("models.json")
        if FileManager.default.fileExists(atPath: modelsFile.path) {
            do { models = try ModelCatalog(contentsOf: modelsFile) } catch { throw CatalogError(error.description) }
        } else {
            models = nil
        }
        for name in templates.keys.sorted() {
            _ = try renderer(template: name, tokenizer: nil)
        }
    }

    /// The names a request may give as `template`, sorted.
    public var templateNames: [String] { templates.keys.sorted() }

    /// The renderer for a template name (the default when nil) and a tokenizer name (the template's when nil).
    ///
    /// - Throws: `ServiceError` 400 for an unknown template or tokenizer; `TokenizationError` when a
    ///   vocabulary cannot be loaded.
    func renderer(template name: String?, tokenizer: String?) throws -> WorkingMemoryRenderer {
        try choice(template: name, tokenizer: tokenizer).renderer
    }

    /// The renderer for a template name and a tokenizer name (nil: the defaults), with the names resolved.
    ///
    /// - Throws: as `renderer(template:tokenizer:)`.
    func choice(template name: String?, tokenizer: String?) throws -> RendererChoice {
        let name = name ?? defaultTemplate
        guard let template = templates[name] else {
            throw ServiceError.badRequest(
                "unknown_template",
                "unknown template \(QuotedValue(name)); known: \(templateNames.joined(separator: ", "))"
            )
        }
        let tokenizerName = tokenizer ?? template.tokenizer
        guard let kind = TokenizerKind(rawValue: tokenizerName) else {
            throw ServiceError.badRequest(
                "unknown_tokenizer",
                "unknown tokenizer \(QuotedValue(tokenizerName)); known: \(TokenizerKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let key = name + "\u{0}" + kind.rawValue
        if let cached = renderers.withLock({ $0[key] }) {
            return RendererChoice(template: name, tokenizer: kind.rawValue, renderer: cached)
        }
        let made = WorkingMemoryRenderer(template: template, counter: try kind.makeCounter())
        renderers.withLock { $0[key] = made }
        return RendererChoice(template: name, tokenizer: kind.rawValue, renderer: made)
    }
}

extension RendererCatalog {
    /// The model named by `model=` and a counter for its tokenizer.
    ///
    /// - Throws: `ServiceError` 400 `unknown_model` naming the known models; `TokenizationError` when a
    ///   vocabulary cannot be loaded.
    func cacheModel(named name: String) throws -> (model: ModelCatalog.Model, counter: any TokenCounter) {
        guard let model = models?.model(named: name) else {
            let known = models.map { "known: " + $0.names.joined(separator: ", ") } ?? "this service has no models.json"
            throw ServiceError.badRequest("unknown_model", "unknown model \(QuotedValue(name)); \(known)")
        }
        if let counter = modelCounters.withLock({ $0[model.tokenizer] }) { return (model, counter) }
        let counter = try model.tokenizer.makeCounter()
        modelCounters.withLock { $0[model.tokenizer] = counter }
        return (model, counter)
    }
}

/// A renderer and the template and tokenizer names it was chosen by (defaults filled in).
struct RendererChoice: Sendable {
    let template: String
    let tokenizer: String
    let renderer: WorkingMemoryRenderer
}

/// A templates folder the service cannot use.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
