import ArgumentParser

/// The `wm` command line: a thin layer over the library modules.
@main
struct WM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wm",
        abstract: "Compile an assistant's working memory into its system-prompt block.",
        subcommands: [
            MigrateCommand.self, ActivityCommand.self, SnapshotCommand.self, SectionsCommand.self, TokensCommand.self,
            GoldenCommand.self,
        ]
    )
}
