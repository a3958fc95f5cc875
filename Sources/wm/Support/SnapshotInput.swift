import Foundation
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
    static func now(option: String?, snapshot: Snapshot) throws -> Date {
        if let option {
            guard let date = RFC3339.date(from: option) else {
                throw UsageError("--now \(QuotedValue(option)) is not RFC 3339 with an offset, e.g. 2024-05-01T09:30:00Z")
            }
            return date
        }
        return snapshot.now ?? Date()
    }
}
