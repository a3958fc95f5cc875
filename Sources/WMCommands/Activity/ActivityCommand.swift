import ArgumentParser

/// `wm activity …`: write, read and prune the activity log.
package struct ActivityCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "Write, read and prune the append-only activity log.",
        subcommands: [ActivityWriteCommand.self, ActivityRecentCommand.self, ActivityPruneCommand.self]
    )

    package init() {}
}
