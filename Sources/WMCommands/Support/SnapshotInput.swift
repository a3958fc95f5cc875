import Foundation
import SourceData
import WireFormats
import WorkingMemory

/// Where a command reads a snapshot from: a file path, or `-` for standard input.
enum SnapshotInput {
    /// The snapshot source for `argument` (`-` reads standard input).
    static func source(_ argument: String) throws -> SnapshotFileSource {
        if argument == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            do {
                return try SnapshotFileSource(data: data)
            } catch {
                throw InputError("invalid snapshot on standard input: \(error)")
            }
        }
        do {
            return try SnapshotFileSource(contentsOf: URL(fileURLWithPath: argument))
        } catch {
            throw InputError(error.description)
        }
    }

    /// The moment to render at: `--now` when given, else the snapshot's `now`, else the clock.
    static func now(option: InstantArgument?, snapshot: Snapshot) -> Date {
        option?.date ?? snapshot.now ?? Date()
    }
}
