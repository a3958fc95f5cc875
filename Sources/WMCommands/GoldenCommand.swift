import ArgumentParser
import Foundation
import GoldenFiles

/// `wm golden check|update`: the golden cases of `golden/`, as the test suite runs them.
package struct GoldenCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Check or update the golden files (golden/CASE/expected/*).",
        subcommands: [Check.self, Update.self]
    )

    package init() {}

    struct Options: ParsableArguments {
        @Option(help: "The repository root holding golden/ and templates/.")
        var repository: String = FileManager.default.currentDirectoryPath

        @Argument(help: "Cases to run (folder names under golden/); all when none.")
        var cases: [String] = []

        func harness() -> GoldenHarness {
            GoldenHarness.standard(repository: URL(fileURLWithPath: repository))
        }

        func selected(_ harness: GoldenHarness) throws -> [String] {
            let all = harness.caseNames()
            for name in cases where !all.contains(name) { throw ValidationError("no golden case '\(name)' in \(harness.root.path)") }
            return cases.isEmpty ? all : cases
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every case and compare with its expected files; exit 1 on any difference.")
        @OptionGroup var options: Options

        func run() async throws {
            let harness = options.harness()
            var failed = 0
            for name in try options.selected(harness) {
                let mismatches = try harness.check(try harness.loadCase(name))
                if mismatches.isEmpty {
                    print("ok    \(name)")
                } else {
                    failed += 1
                    print("FAIL  \(name)")
                    for mismatch in mismatches { print(mismatch.description) }
                }
            }
            if failed > 0 {
                print("\(failed) golden case(s) differ; review, then `wm golden update` outside CI")
                throw ExitCode(1)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite the expected files from the current output (refused when CI is set); review with git diff.")
        @OptionGroup var options: Options

        func run() async throws {
            let harness = options.harness()
            for name in try options.selected(harness) {
                do {
                    let changed = try harness.update(try harness.loadCase(name))
                    print(changed.isEmpty ? "same  \(name)" : "wrote \(changed.joined(separator: ", "))")
                } catch let error as GoldenError {
                    FileHandle.standardError.write(Data("wm: \(error)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
