import ArgumentParser
import Foundation
import PostgresStore
import PromptCompiler
import SourceData
import Tokenization
import WireFormats
import WorkingMemory

/// `wm render`: the main job — one user's working-memory block, from a snapshot file or PostgreSQL.
package struct RenderCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: RenderOptions.abstract,
        discussion: RenderOptions.discussion
    )

    @OptionGroup var options: RenderOptions

    package init() {}

    package func run() async throws {
        try await options.run()
    }
}

/// What `wm render` and `wm-render` take and do: the same options, output and exit codes.
package struct RenderOptions: ParsableArguments {
    package static let abstract = "Render a user's working-memory block for the system prompt."

    package static let discussion = """
        Reads a snapshot file (or - for standard input), or with --user the user's rows from PostgreSQL \
        in one round trip, and compiles them through a template within an exact token budget. Markdown \
        goes to standard output exactly as the prompt gets it (no newline is added). With --format json \
        the output is one object: markdown, blocks (stable, volatile), tokens, budget, tokenizer, template, \
        report, failed_sources, time_zone, valid_until, data_version, cache_prefix (the stable block's sha256 \
        and tokens: the prefix up to the template's cache breakpoint) and provenance (each item and omission \
        note with its line, tokens and source rows: table, id, the columns shown).

        --explain prints each line of the block instead, with its token cost and where it came from. \
        --model NAME (a model of templates/models.json) adds a cache section to the report: whether the \
        prefix up to the cache breakpoint, after --static-prefix-tokens of your own text, reaches that \
        model's minimum cacheable prefix; when it does not, a warning on stderr says so.

        With --read-database-url (or WM_READ_DATABASE_URL) the rows are read from that replica, in one \
        snapshot; when it cannot be reached, or does not have the user yet, the primary is read instead \
        and a warning says so on stderr.

        A table that cannot be read still renders the others; it is named in failed_sources, in the \
        report's notes, and on stderr. A --user that is not in auth.users is an error, not an empty block. \
        Every row read must belong to --user: when the database returns a row of another user (a view, \
        function or operator that misbehaves), nothing is rendered and the command exits 76. \
        Exit codes: 0 success, 64 usage, 65 bad input (snapshot, template, unknown user, or required \
        content over the budget), 69 database unavailable, 76 the database returned a row of another user.
        """

    package init() {}

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @Argument(help: ArgumentHelp("A snapshot file, or - for standard input.", valueName: "snapshot"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Read this user from PostgreSQL instead of a snapshot file.", valueName: "uuid"))
    var user: UUIDArgument?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var replica: ReadReplicaOptions

    @Option(help: ArgumentHelp(
        "A template name in templates/ (working-memory, yarnnn-v1) or a path to a template file.", valueName: "name|path"
    ))
    var template: String?

    @Option(help: "Token budget (default: the template's).")
    var budget: Int?

    @Option(help: ArgumentHelp(
        "Token counter (default: the template's).",
        valueName: "name"
    ))
    var tokenizer: TokenizerKind?

    @Option(help: ArgumentHelp(
        "Render as of this moment, RFC 3339 (default: the snapshot's now, else the clock).", valueName: "rfc3339"
    ))
    var now: InstantArgument?

    @Option(help: "Output format.")
    var format: Format = .markdown

    @Option(help: "When required content does not fit: fail (exit 65), or cut it and end with a visible marker.")
    var overflow: OverflowMode = .fail

    @Flag(help: "Print each line of the block with its token cost and its source, instead of the block.")
    var explain = false

    @Option(help: ArgumentHelp(
        "Check the prefix up to the cache breakpoint against this model's minimum cacheable prefix (templates/models.json).",
        valueName: "name"
    ))
    var model: String?

    @Option(help: ArgumentHelp(
        "Tokens of your own static text in front of the block (system instructions, tools), in the model's tokens; needs --model.",
        valueName: "n"
    ))
    var staticPrefixTokens: Int?

    package func validate() throws {
        guard (snapshot == nil) != (user == nil) else {
            throw ValidationError("give either a snapshot file (or -) or --user UUID")
        }
        if let budget, budget <= 0 { throw ValidationError("--budget must be a positive number of tokens") }
        if explain, format == .json { throw ValidationError("--explain prints text: leave out --format json") }
        if staticPrefixTokens != nil, model == nil { throw ValidationError("--static-prefix-tokens needs --model") }
        if let staticPrefixTokens, !(0...10_000_000).contains(staticPrefixTokens) {
            throw ValidationError("--static-prefix-tokens must be a number of tokens from 0 to 10000000")
        }
    }

    package func run() async throws {
        try await reportingFailures {
            let cacheModel = try model.map { try ProjectFiles.model(named: $0) }
            let (fetched, moment) = try await fetch()
            let template = try loadTemplate()
            let kind = tokenizer ?? TokenizerKind(rawValue: template.tokenizer) ?? .o200kBase
            let counter = try kind.makeCounter()
            let renderer = WorkingMemoryRenderer(template: template, counter: counter)
            var rendering = try renderer.render(fetched, now: moment, budget: budget, overflow: overflow)
            for failed in rendering.failedSources {
                FileHandle.standardError.write(Data("wm: warning: source failed: \(failed)\n".utf8))
            }
            if let cacheModel {
                let modelCounter = cacheModel.tokenizer == kind ? counter : try cacheModel.tokenizer.makeCounter()
                rendering = rendering.checkingCache(for: cacheModel, staticPrefixTokens: staticPrefixTokens ?? 0, counter: modelCounter)
                if let warning = rendering.report.cache?.warning {
                    FileHandle.standardError.write(Data("wm: warning: cache: \(warning)\n".utf8))
                }
            }
            if explain {
                FileHandle.standardOutput.write(Data(rendering.explanation.utf8))
                return
            }
            switch format {
            case .markdown:
                FileHandle.standardOutput.write(Data(rendering.markdown.utf8))
            case .json:
                FileHandle.standardOutput.write(Data(rendering.json.utf8))
            }
        }
    }

    /// The snapshot and the moment to render at, from the file or the database.
    private func fetch() async throws -> (SourceResult, Date) {
        if let user {
            let moment = now?.date ?? Date()
            return (try fetchFromDatabase(user: user.uuid, now: moment), moment)
        }
        let source = try SnapshotInput.source(snapshot ?? "-")
        let moment = SnapshotInput.now(option: now, snapshot: source.snapshot)
        return (try await source.fetch(user: source.snapshot.userID, now: moment), moment)
    }

    /// The user's rows from the replica when one is given, else (or when it cannot answer) the primary.
    private func fetchFromDatabase(user: UUID, now: Date) throws -> SourceResult {
        let primary = try database.configuration()
        if let replicaConfiguration = try replica.configuration(pooler: primary.pooler) {
            do {
                let connection = try PostgresConnection(configuration: replicaConfiguration)
                return try PostgresWorkingMemorySource(connection: connection).fetchBlocking(user: user, now: now)
            } catch {
                guard let reason = ReplicaFallbackReason(readFailure: error) else { throw error }
                FileHandle.standardError.write(Data("wm: warning: read replica: \(reason.rawValue) (\(error)); reading from the primary\n".utf8))
            }
        }
        return try PostgresWorkingMemorySource(connection: PostgresConnection(configuration: primary)).fetchBlocking(user: user, now: now)
    }

    private func loadTemplate() throws -> PromptTemplate {
        let path = try ProjectFiles.template(TemplateChoice(template))
        do {
            return try PromptTemplate(contentsOfFile: path)
        } catch {
            throw InputError("\(error)")
        }
    }
}
