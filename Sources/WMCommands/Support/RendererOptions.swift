import ArgumentParser
import PromptCompiler
import Tokenization
import WorkingMemory

/// The options that choose how many users' snapshots are rendered: `--template`, `--budget`, `--tokenizer`,
/// `--now` (shared by `wm budget-report` and `wm diff`; `wm render` words its own).
struct RendererOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A template name in templates/ or a path to a template file.", valueName: "name|path"))
    var template: String?

    @Option(help: "Token budget (default: the template's).")
    var budget: Int?

    @Option(help: ArgumentHelp("Token counter (default: the template's).", valueName: "name"))
    var tokenizer: TokenizerKind?

    @Option(help: ArgumentHelp("Render as of this moment, RFC 3339 (default: each snapshot's now, else the clock).",
                               valueName: "rfc3339"))
    var now: InstantArgument?

    func validate() throws {
        if let budget, budget <= 0 { throw ValidationError("--budget must be a positive number of tokens") }
    }

    /// The renderer for the chosen template and tokenizer (the template's own when none is given).
    ///
    /// - Throws: `InputError` naming the template's problem; `TokenizationError` when a vocabulary cannot be loaded.
    func makeRenderer() throws -> WorkingMemoryRenderer {
        let path = try ProjectFiles.template(TemplateChoice(template))
        let compiled: PromptTemplate
        do { compiled = try PromptTemplate(contentsOfFile: path) } catch { throw InputError("\(error)") }
        let kind = tokenizer ?? TokenizerKind(rawValue: compiled.tokenizer) ?? .o200kBase
        return WorkingMemoryRenderer(template: compiled, counter: try kind.makeCounter())
    }
}
