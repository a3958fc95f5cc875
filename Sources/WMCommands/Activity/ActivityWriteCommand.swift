import ArgumentParser
import PostgresStore
import SourceData
import WireFormats
import WorkingMemory

/// `wm activity write`: validates and writes one event, printing its id.
package struct ActivityWriteCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write one activity event and print its id.",
        discussion: """
            The event is validated before anything is sent: a known type, a summary of at most 500 characters \
            that is not empty once cleaned (line breaks and tabs become spaces, other control characters are \
            removed, NUL is refused), a UUID ref, and metadata that is a JSON object of at most 16 KiB, each \
            member name once, with no NUL in any string or name (the error names its JSON path). A rejected \
            write writes nothing (exit 65); an unreachable database exits 69.
            """
    )

    package init() {}

    @OptionGroup var database: DatabaseOptions

    // The event's fields stay text: they are data, checked by the one validator the service's POST /v1/activity
    // uses too (`NewActivityEvent`), so a bad user, type, ref or metadata is bad input (exit 65) with the same
    // message in both, not a usage error.

    @Option(help: ArgumentHelp("The user the event belongs to.", valueName: "uuid"))
    var user: String

    @Option(help: ArgumentHelp(
        "Event type: \(ActivityEventType.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "type"
    ))
    var type: String

    @Option(help: "One-line summary shown in the prompt.")
    var summary: String

    @Option(help: ArgumentHelp("The id of what the event is about (e.g. a deliverable version).", valueName: "uuid"))
    var ref: String?

    @Option(help: ArgumentHelp("A JSON object of details.", valueName: "json"))
    var metadata: String?

    package func run() async throws {
        try await reportingFailures {
            let event = try NewActivityEvent(
                userText: user, typeName: type, summary: summary, refText: ref, metadataJSON: metadata
            )
            let store = ActivityLogStore(connection: try database.connect())
            print(try store.write(event).lowercasedString)
        }
    }
}
