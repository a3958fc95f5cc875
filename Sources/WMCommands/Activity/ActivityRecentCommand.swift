import ArgumentParser
import Foundation
import PostgresStore
import WireFormats
import WorkingMemory

/// `wm activity recent`: a user's recent events, newest first.
package struct ActivityRecentCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "recent",
        abstract: "Print a user's recent activity events, newest first.",
        discussion: "Events in (now - days, now], newest first; equal times are ordered by id, descending."
    )

    package init() {}

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The user whose events to read.", valueName: "uuid"))
    var user: UUIDArgument

    @Option(help: "At most this many events.")
    var limit = 10

    @Option(help: "Look back this many days from --now.")
    var days = 7

    @Option(help: ArgumentHelp("The moment to look back from, RFC 3339 (default: the clock).", valueName: "rfc3339"))
    var now: InstantArgument?

    @Option(help: "Output format.")
    var format: Format = .text

    package func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        guard days >= 0 else { throw ValidationError("--days must be 0 or more") }
    }

    package func run() async throws {
        try await reportingFailures {
            let store = ActivityLogStore(connection: try database.connect())
            let events = try store.recent(
                user: user.uuid, limit: limit, lookback: Double(days) * 86_400, now: now?.date ?? Date()
            )
            switch format {
            case .text:
                for event in events {
                    print("\(event.createdAt.formatted(.iso8601))\t\(event.type.rawValue)\t\(event.summary)")
                }
            case .json:
                print(JSONValue.array(events.map(\.json)).jsonText)
            }
        }
    }
}
