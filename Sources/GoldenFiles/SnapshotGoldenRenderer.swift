import Foundation
import PromptCompiler
import SourceData
import WorkingMemory

extension GoldenHarness {
    /// Renders a snapshot file through the builder and the named template, as `wm render FILE` does.
    ///
    /// The snapshot must name its `now`, so the expected output never depends on the clock. The report JSON
    /// includes the builder's notes (e.g. an invalid time zone).
    public static func snapshotRenderer(templates: URL) -> Renderer {
        return { goldenCase, budget in
            let config = goldenCase.configuration
            let template = try loadTemplate(config.template, templates: templates)
            let snapshot = try SnapshotFileSource(contentsOf: goldenCase.inputURL).snapshot
            guard let now = snapshot.now else { throw GoldenError.snapshotWithoutNow(case: goldenCase.name) }
            let renderer = WorkingMemoryRenderer(template: template, counter: try counter(config.tokenizer ?? template.tokenizer))
            let mode = try overflowMode(config.overflow)
            do {
                let rendering = try renderer.render(SourceResult(snapshot: snapshot), now: now, budget: budget, overflow: mode)
                return .rendered(markdown: rendering.markdown, reportJSON: rendering.report.json())
            } catch let error as PromptCompileError {
                return .failed(error.description + "\n")
            }
        }
    }
}
