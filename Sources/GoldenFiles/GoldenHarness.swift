import Foundation
import PromptCompiler
import Tokenization

/// Renders golden cases and compares (or rewrites) their expected files.
///
/// Used by the test suite (one test per case) and by `wm golden check|update`. Renderers are looked up
/// by the case's `kind`; `prompt` is built in, other modules add theirs (e.g. a snapshot kind).
public struct GoldenHarness: Sendable {
    /// Renders one case at one budget (nil: the template's default).
    public typealias Renderer = @Sendable (_ goldenCase: GoldenCase, _ budget: Int?) throws -> GoldenOutput

    /// The `golden/` folder.
    public let root: URL
    public let renderers: [String: Renderer]

    public init(root: URL, renderers: [String: Renderer]) {
        self.root = root
        self.renderers = renderers
    }

    /// A harness for the repository at `repository`, with the `prompt` kind and any `extra` kinds.
    public static func standard(repository: URL, extra: [String: Renderer] = [:]) -> GoldenHarness {
        let templates = repository.appendingPathComponent("templates")
        var renderers = extra
        renderers["prompt"] = promptRenderer(templates: templates)
        renderers["snapshot"] = snapshotRenderer(templates: templates)
        return GoldenHarness(root: repository.appendingPathComponent("golden"), renderers: renderers)
    }

    /// Renders a `PromptInput` JSON file through the named template of `templates`.
    public static func promptRenderer(templates: URL) -> Renderer {
        return { goldenCase, budget in
            let config = goldenCase.configuration
            let template = try loadTemplate(config.template, templates: templates)
            let input = try JSONDecoder().decode(PromptInput.self, from: Data(contentsOf: goldenCase.inputURL))
            let renderer = PromptRenderer(template: template, counter: try counter(config.tokenizer ?? template.tokenizer))
            let mode = try overflowMode(config.overflow)
            return try render { try renderer.render(input, budget: budget, overflow: mode) }
        }
    }

    /// Compiles `templates/NAME.md`, or the path itself when `name` ends in `.md`.
    public static func loadTemplate(_ name: String, templates: URL) throws -> PromptTemplate {
        let path = name.hasSuffix(".md") ? name : templates.appendingPathComponent(name + ".md").path
        return try PromptTemplate(contentsOfFile: path)
    }

    public static func counter(_ name: String) throws -> any TokenCounter {
        guard let kind = TokenizerKind(rawValue: name) else { throw GoldenError.unknownTokenizer(name) }
        return try kind.makeCounter()
    }

    public static func overflowMode(_ name: String?) throws -> OverflowMode {
        guard let name else { return .fail }
        guard let mode = OverflowMode(rawValue: name) else { throw GoldenError.unknownOverflowMode(name) }
        return mode
    }

    /// Turns a render into a golden output; a compile error is an expected outcome, not a harness failure.
    public static func render(_ body: () throws -> PromptResult) rethrows -> GoldenOutput {
        do {
            let result = try body()
            return .rendered(markdown: result.markdown, reportJSON: result.report.json())
        } catch let error as PromptCompileError {
            return .failed(error.description + "\n")
        }
    }

    /// The names of all cases: folders of `root` that hold a `case.json`, sorted.
    public func caseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0 + "/case.json").path) }.sorted()
    }

    public func loadCase(_ name: String) throws -> GoldenCase {
        try GoldenCase(folder: root.appendingPathComponent(name))
    }

    /// Renders `goldenCase` at every budget and compares with the expected files.
    ///
    /// - Returns: one mismatch per differing or missing file; empty when the case passes.
    public func check(_ goldenCase: GoldenCase) throws -> [GoldenMismatch] {
        var mismatches: [GoldenMismatch] = []
        for budget in goldenCase.configuration.budgets {
            for (url, actual) in try files(goldenCase, budget) {
                let relative = goldenCase.name + "/expected/" + url.lastPathComponent
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    mismatches.append(GoldenMismatch(file: relative, diff: "missing expected file (run `wm golden update` and review the diff)"))
                    continue
                }
                let expected = String(decoding: data, as: UTF8.self)
                if expected != actual {
                    mismatches.append(GoldenMismatch(file: relative, diff: LineDiff.render(expected: expected, actual: actual)))
                }
            }
            // An expected file of the other outcome (error vs rendered) must not linger.
            for stale in staleFiles(goldenCase, budget, actual: try files(goldenCase, budget).map(\.0))
            where FileManager.default.fileExists(atPath: stale.path) {
                mismatches.append(GoldenMismatch(file: goldenCase.name + "/expected/" + stale.lastPathComponent,
                                                 diff: "expected file for the other outcome exists"))
            }
        }
        return mismatches
    }

    /// Rewrites the expected files of `goldenCase`; refused when the environment has `CI` set.
    ///
    /// - Returns: the files whose content changed.
    public func update(_ goldenCase: GoldenCase, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        if let ci = environment["CI"], !ci.isEmpty { throw GoldenError.updateRefusedInCI }
        var changed: [String] = []
        let folder = goldenCase.folder.appendingPathComponent("expected")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for budget in goldenCase.configuration.budgets {
            let files = try files(goldenCase, budget)
            for stale in staleFiles(goldenCase, budget, actual: files.map(\.0)) where FileManager.default.fileExists(atPath: stale.path) {
                try FileManager.default.removeItem(at: stale)
                changed.append(goldenCase.name + "/expected/" + stale.lastPathComponent)
            }
            for (url, text) in files {
                let data = Data(text.utf8)
                if FileManager.default.contents(atPath: url.path) != data {
                    try data.write(to: url)
                    changed.append(goldenCase.name + "/expected/" + url.lastPathComponent)
                }
            }
        }
        return changed
    }

    private func files(_ goldenCase: GoldenCase, _ budget: GoldenCase.Budget) throws -> [(URL, String)] {
        guard let renderer = renderers[goldenCase.configuration.kind] else {
            throw GoldenError.unknownKind(goldenCase.configuration.kind, case: goldenCase.name)
        }
        switch try renderer(goldenCase, budget.budget) {
        case .rendered(let markdown, let report, let explanation):
            return [(goldenCase.expectedURL(budget, ".md"), markdown), (goldenCase.expectedURL(budget, ".report.json"), report)]
                + (explanation.map { [(goldenCase.expectedURL(budget, ".explain.txt"), $0)] } ?? [])
        case .failed(let message):
            return [(goldenCase.expectedURL(budget, ".error.txt"), message)]
        }
    }

    private func staleFiles(_ goldenCase: GoldenCase, _ budget: GoldenCase.Budget, actual: [URL]) -> [URL] {
        [".md", ".report.json", ".error.txt", ".explain.txt"].map { goldenCase.expectedURL(budget, $0) }.filter { !actual.contains($0) }
    }
}

/// One expected file that differs from the rendered output, or is missing.
public struct GoldenMismatch: Sendable, CustomStringConvertible {
    /// `CASE/expected/FILE`.
    public let file: String
    /// A line diff (`-` expected, `+` actual) or the reason.
    public let diff: String

    public var description: String { "golden/\(file):\n\(diff)" }
}

/// Why the harness could not run a case.
public enum GoldenError: Error, CustomStringConvertible {
    case updateRefusedInCI
    case unknownKind(String, case: String)
    case unknownTokenizer(String)
    case unknownOverflowMode(String)
    case snapshotWithoutNow(case: String)
    case unknownModel(String, case: String)

    public var description: String {
        switch self {
        case .updateRefusedInCI:
            return "refusing to update golden files: CI is set (golden files are reviewed and updated by a person)"
        case .unknownKind(let kind, let name):
            return "golden case '\(name)' has kind '\(kind)', for which no renderer is registered"
        case .snapshotWithoutNow(let name):
            return "golden case '\(name)': the snapshot has no \"now\"; golden inputs must not depend on the clock"
        case .unknownModel(let model, let name):
            return "golden case '\(name)' names the model '\(model)', which templates/models.json does not list"
        case .unknownTokenizer(let name):
            return "unknown tokenizer '\(name)' (o200k_base, cl100k_base, claude, heuristic)"
        case .unknownOverflowMode(let name):
            return "unknown overflow mode '\(name)' (fail, cut)"
        }
    }
}
