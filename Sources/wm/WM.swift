import ArgumentParser
import WMCommands

/// The `wm` command line: a thin layer over the library modules.
@main
struct WM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wm",
        abstract: "Compile an assistant's working memory into its system-prompt block.",
        subcommands: [
            RenderCommand.self, DiffCommand.self, BudgetReportCommand.self, SnapshotCommand.self, TokensCommand.self,
            MigrateCommand.self, ActivityCommand.self, GoldenCommand.self, SectionsCommand.self, ServeCommand.self,
        ]
    )
}
