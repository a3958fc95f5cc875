import ArgumentParser
import Foundation
import PostgresStore
import PromptCompiler
import SourceData
import Tokenization
import WireFormats
import WorkingMemory

/// `wm budget-report`: how the budget is spent over many users, per section.
package struct BudgetReportCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "budget-report",
        abstract: "Summarise token use per section over snapshot files or every user in the database.",
        discussion: """
            Renders each user as `wm render` would and reports, per section, the distribution of tokens (p50, \
            p95, max) and how many users had items cut, in all and by rule (budget: the budget ran out; cap: \
            the section's cap; truncated: an item shown cut with "…"; limit: the caller's lookback or maximum \
            count), the users whose required content did not fit, failed sources, and the worst cases. With \
            --all-users the users are streamed from PostgreSQL in pages; a progress bar is shown when stderr \
            is a terminal. A user for whom the database returns a row of another user is not rendered: the \
            report lists them under source_integrity, and the command exits 76 after printing it.

            --format html writes one self-contained page to stdout (inline CSS and SVG, no scripts, nothing \
            loaded from elsewhere, so it works offline): the distribution of the block's tokens against the \
            budget, tokens per section as stacked bars, cuts per section by rule, and the worst cases, each \
            linked to its explanation in the page. It shows the same figures as --format json; the same \
            input gives the same bytes (the clock is not shown; --now is). Example: \
            wm budget-report --format html snapshots/*.json > report.html
            """
    )

    package init() {}

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, html
    }

    @Argument(help: ArgumentHelp("Snapshot files.", valueName: "snapshot"))
    var snapshots: [String] = []

    @Flag(help: "Every user in auth.users, read from PostgreSQL.")
    var allUsers = false

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var rendering: RendererOptions

    @Option(help: "Output format.")
    var format: Format = .table

    package func validate() throws {
        guard snapshots.isEmpty != !allUsers else { throw ValidationError("give snapshot files or --all-users, not both") }
    }

    package func run() async throws {
        try await reportingFailures {
            let renderer = try rendering.makeRenderer()
            var survey = BudgetSurvey()
            func add(_ user: String, _ fetched: SourceResult, at moment: Date) {
                do {
                    survey.add(user: user, rendering: try renderer.render(fetched, now: moment, budget: rendering.budget))
                } catch {
                    survey.add(user: user, failure: error)
                }
            }
            if allUsers {
                try surveyDatabase(add, refused: { survey.add(user: $0, refusedRead: $1) })
            } else {
                for file in snapshots {
                    let source = try SnapshotInput.source(file)
                    let moment = SnapshotInput.now(option: rendering.now, snapshot: source.snapshot)
                    add(file, try await source.fetch(user: source.snapshot.userID, now: moment), at: moment)
                }
            }
            let summary = survey.summary()
            switch format {
            case .table: print(summary.table(), terminator: "")
            case .json: print(summary.json(), terminator: "")
            case .html:
                // The worst cases' explanations, by user (a file given twice is the same user twice).
                let explanations = Dictionary(
                    survey.worstCases.map { ($0.user, $0.rendering.explanation) },
                    uniquingKeysWith: { first, _ in first }
                )
                let page = BudgetReportPage(summary: summary, explanations: explanations, asOf: rendering.now?.date)
                print(page.html(), terminator: "")
            }
            if !summary.sourceIntegrity.isEmpty {
                let count = summary.sourceIntegrity.count
                FileHandle.standardError.write(Data(
                    "wm: refused \(count) user\(count == 1 ? "" : "s"): the database returned rows of another user (see source_integrity)\n".utf8))
                throw ExitStatus.wrongData
            }
        }
    }

    /// Streams every user id in pages of 1,000 (keyset pagination) and fetches each user in one round trip;
    /// a user whose read returned a row of another user goes to `refused` (nothing of theirs is rendered).
    private func surveyDatabase(_ add: (String, SourceResult, Date) -> Void, refused: (String, any Error) -> Void) throws {
        let connection = try database.connect()
        let source = PostgresWorkingMemorySource(connection: connection)
        let moment = rendering.now?.date ?? Date()
        let total = try connection.query("SELECT count(*) AS n FROM auth.users").rows[0].decode(Int.self, "n")
        var progress = ProgressBar(total: total)
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        while true {
            let page = try connection.query("SELECT id FROM auth.users WHERE id > \(after) ORDER BY id LIMIT 1000")
                .rows.map { try $0.decode(UUID.self, "id") }
            guard let last = page.last else { break }
            for user in page {
                do {
                    add(user.lowercasedString, try source.fetchBlocking(user: user, now: moment), moment)
                } catch SourceError.rowOfAnotherUser(let table, let row) {
                    refused(user.lowercasedString, SourceError.rowOfAnotherUser(table: table, row: row))
                }
                progress.advance()
            }
            after = last
        }
        progress.finish()
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let total: Int
    private(set) var done = 0
    private let visible = isatty(STDERR_FILENO) == 1

    init(total: Int) {
        self.total = total
    }

    mutating func advance() {
        done += 1
        guard visible, done % 50 == 0 || done == total else { return }
        let width = 40
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) users".utf8))
    }

    func finish() {
        if visible { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
