import ArgumentParser
import Foundation
import PostgresStore

/// `wm activity prune`: the retention path, deleting old events in bounded batches.
package struct ActivityPruneCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete activity events older than a given age, in bounded batches.",
        discussion: "The only way events are deleted (besides removing a user). Prints how many were deleted."
    )

    package init() {}

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("Age of the events to delete: a number and s, m, h, d or w (e.g. 90d).", valueName: "duration")
    )
    var olderThan: DurationArgument

    @Option(help: "Delete at most this many events per statement.")
    var batchSize = 10_000

    @Flag(help: "Count what would be deleted, delete nothing.")
    var dryRun = false

    package func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
    }

    package func run() async throws {
        try await reportingFailures {
            let store = ActivityLogStore(connection: try database.connect())
            let count = try store.prune(olderThan: olderThan.seconds, now: Date(), batchSize: batchSize, dryRun: dryRun)
            print(dryRun ? "would delete \(count) events" : "deleted \(count) events")
        }
    }
}
