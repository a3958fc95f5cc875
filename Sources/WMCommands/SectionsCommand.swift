import ArgumentParser
import Foundation
import PromptCompiler
import SourceData
import WorkingMemory

/// `wm sections`: what the builder hands the compiler for a snapshot, as JSON (for debugging templates).
package struct SectionsCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "sections",
        abstract: "Print the builder's sections for a snapshot as JSON (the compiler's input, before any budget)."
    )

    package init() {}

    @Argument(help: "The snapshot file, or - for standard input.")
    var snapshot: String

    @Option(help: "The template (name or path) whose builder rules apply: yarnnn-v1 uses the earlier version's.")
    var template: String?

    @Option(help: ArgumentHelp(
        "Render as of this moment, RFC 3339 (default: the snapshot's now, else the clock).", valueName: "rfc3339"
    ))
    var now: InstantArgument?

    package func run() async throws {
        try await reportingFailures {
            let source = try SnapshotInput.source(snapshot)
            let moment = SnapshotInput.now(option: now, snapshot: source.snapshot)
            let fetched = try await source.fetch(user: source.snapshot.userID, now: moment)
            let build = WorkingMemoryBuilder(flavour: TemplateChoice(template).flavour).build(fetched.snapshot, now: moment)
            let output = SectionsOutput(
                timeZone: build.timeZone, notes: build.notes.map(\.description), sections: build.input.sections,
                failedSources: fetched.failedSources)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        }
    }
}

private struct SectionsOutput: Encodable {
    let timeZone: String
    let notes: [String]
    let sections: [String: PromptSection]
    let failedSources: [FailedSource]

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case notes
        case sections
        case failedSources = "failed_sources"
    }
}
