import ArgumentParser
import Foundation
import PromptCompiler
import SourceData
import Tokenization
import WireFormats
import WorkingMemory

/// `wm diff OLD NEW`: what changed between two renderings, and whether the cached prefix did.
package struct DiffCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two snapshot files, or two render results, as rendered blocks.",
        discussion: """
            OLD and NEW are two snapshot files (each rendered as `wm render` would, with the options below: \
            --now renders both as of that moment, else each as of its own now), or \
            two results of `wm render --format json` (or of the service). Prints the total tokens, whether the \
            stable block (the prefix a prompt cache keeps) changed and, if so, which source rows changed it \
            (cache-bust blame), then each changed section with its items added, removed, dropped (left out, with \
            the reason), cut or changed, and their token deltas.

            Exit codes, like diff(1): 0 the two render the same, 1 they differ, 64 usage (e.g. a snapshot and a \
            result), 65 bad input (a file that is neither, a template error, required content over the budget).
            """
    )

    package init() {}

    @Argument(help: ArgumentHelp("The old snapshot file or render result.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new snapshot file or render result.", valueName: "new"))
    var new: String

    /// For snapshots: how both are rendered.
    @OptionGroup var rendering: RendererOptions

    @Option(help: "For snapshots: when required content does not fit, fail (exit 65) or cut it with a marker.")
    var overflow: OverflowMode = .fail

    package func validate() throws {
        guard old != "-" || new != "-" else { throw ValidationError("only one of OLD and NEW can be standard input") }
    }

    package func run() async throws {
        try await reportingFailures {
            let oldInput = try DiffInput(path: old)
            let newInput = try DiffInput(path: new)
            let before: ComparedRendering
            let after: ComparedRendering
            switch (oldInput, newInput) {
            case (.result(let a), .result(let b)):
                before = a
                after = b
            case (.snapshot(let a), .snapshot(let b)):
                let renderer = try rendering.makeRenderer()
                func render(_ snapshot: Snapshot) throws -> ComparedRendering {
                    let moment = rendering.now?.date ?? snapshot.now ?? Date()
                    return ComparedRendering(try renderer.render(SourceResult(snapshot: snapshot), now: moment,
                                                                 budget: rendering.budget, overflow: overflow))
                }
                before = try render(a)
                after = try render(b)
            default:
                throw UsageError("give two snapshot files or two render results, not one of each")
            }
            let diff = RenderingDiff(from: before, to: after)
            FileHandle.standardOutput.write(Data(diff.text(old: old, new: new).utf8))
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}

/// One side of `wm diff`: a snapshot file, or a rendering's JSON.
enum DiffInput {
    case snapshot(Snapshot)
    case result(ComparedRendering)

    /// Reads `path` and tells which it is: an object with `markdown` and `report` is a render result.
    init(path: String) throws {
        let bytes = try InputReader.readAll(path)
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw InputError("\(path): not JSON: \(error)") }
        if value["markdown"] != nil, value["report"] != nil {
            do { self = .result(try ComparedRendering(resultJSON: value)) } catch {
                throw InputError("\(path): not a render result wm can compare: \(error.description)")
            }
            return
        }
        do {
            self = .snapshot(try SnapshotFileSource(data: Data(bytes)).snapshot)
        } catch {
            throw InputError("\(path): neither a snapshot nor a render result: \(error)")
        }
    }
}
