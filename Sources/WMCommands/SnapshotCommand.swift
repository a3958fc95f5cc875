import ArgumentParser
import Foundation
import PostgresStore
import SourceData
import WireFormats
import WorkingMemory

/// `wm snapshot --user UUID`: writes a user's data from the database in the snapshot file format.
package struct SnapshotCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write a user's working-memory data from PostgreSQL as a snapshot file.",
        discussion: """
            The file holds what the PostgreSQL source reads (active deliverables, chat sessions and activity \
            inside the lookback windows; activity rows with the columns the prompt shows: id, summary, \
            created_at) and the moment it was read as `now`, so `wm render FILE` gives the same bytes as rendering the user from the database at that moment. A table that cannot be read \
            is named on stderr and the command exits 69 without writing a file; a row of another user \
            (the database answered the user's query with someone else's row) exits 76 without writing one.
            """
    )

    package init() {}

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The user whose data to read.", valueName: "uuid"))
    var user: UUIDArgument

    @Option(help: ArgumentHelp("Read as of this moment, RFC 3339 (default: the clock).", valueName: "rfc3339"))
    var now: InstantArgument?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    package func run() async throws {
        try await reportingFailures {
            let moment = now?.date ?? Date()
            let source = PostgresWorkingMemorySource(connection: try database.connect())
            let result = try source.fetchBlocking(user: user.uuid, now: moment)
            guard result.failedSources.isEmpty else {
                let names = result.failedSources.map(\.description).joined(separator: "; ")
                throw PostgresError(.connectionFailed, message: "could not read \(names)")
            }
            var snapshot = result.snapshot
            snapshot.now = moment
            let text = SnapshotEncoder.encode(snapshot)
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                } catch {
                    throw InputError("cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        }
    }
}
