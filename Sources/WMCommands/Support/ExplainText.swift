import WorkingMemory

/// The explanation of one user's block that `wm budget-report --format html` shows for each worst case.
///
/// PLACEHOLDER until `wm render --explain` lands (issue 21, part 1): returns the rendered markdown. When the
/// line-by-line explain text exists, this body becomes that text; nothing else in the report changes.
func explainText(for rendering: WorkingMemoryRendering) -> String {
    rendering.markdown
}
