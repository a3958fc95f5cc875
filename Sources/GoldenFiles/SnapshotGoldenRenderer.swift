import Foundation
import PromptCompiler
import SourceData
import WorkingMemory

extension GoldenHarness {
    /// Renders a snapshot file through the builder and the named template, as `wm render FILE` does.
    ///
    /// The snapshot must name its `now`, so the expected output never depends on the clock. The report JSON
    /// includes the builder's notes (e.g. an invalid time zone), and the cache section when the case names a
    /// model; the explanation is `wm render --explain`'s text when the case asks for it.
    public static func snapshotRenderer(templates: URL) -> Renderer {
        return { goldenCase, budget in
            let config = goldenCase.configuration
            let template = try loadTemplate(config.template, templates: templates)
            let snapshot = try SnapshotFileSource(contentsOf: goldenCase.inputURL).snapshot
            guard let now = snapshot.now else { throw GoldenError.snapshotWithoutNow(case: goldenCase.name) }
            let renderer = WorkingMemoryRenderer(template: template, counter: try counter(config.tokenizer ?? template.tokenizer))
            let mode = try overflowMode(config.overflow)
            let cacheModel = try config.cache.map { check in
                let catalog = try ModelCatalog(contentsOf: templates.appendingPathComponent("models.json"))
                guard let model = catalog.model(named: check.model) else { throw GoldenError.unknownModel(check.model, case: goldenCase.name) }
                return (model, check.staticPrefixTokens ?? 0)
            }
            do {
                var rendering = try renderer.render(SourceResult(snapshot: snapshot), now: now, budget: budget, overflow: mode)
                if let (model, staticTokens) = cacheModel {
                    let counter = model.tokenizer.rawValue == rendering.result.tokenizer ? rendering.counter : try model.tokenizer.makeCounter()
                    rendering = rendering.checkingCache(for: model, staticPrefixTokens: staticTokens, counter: counter)
                }
                return .rendered(markdown: rendering.markdown, reportJSON: rendering.report.json(),
                                 explanation: config.explain == true ? rendering.explanation : nil)
            } catch let error as PromptCompileError {
                return .failed(error.description + "\n")
            }
        }
    }
}
