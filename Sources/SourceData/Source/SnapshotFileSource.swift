import Foundation
import WireFormats

/// A source that serves one snapshot read from a file or from standard input; needs no database.
///
/// The JSON is decoded when the source is made, so a bad file fails before any rendering starts and
/// the caller can read the snapshot's own `now`. A file source never fails partially.
public struct SnapshotFileSource: WorkingMemorySource {
    /// The decoded snapshot.
    public let snapshot: Snapshot

    /// A source over snapshot JSON already in memory (e.g. read from standard input).
    public init(data: Data) throws(SnapshotError) {
        snapshot = try SnapshotDecoder.decode(data)
    }

    /// A source over the snapshot file at `url`.
    public init(contentsOf url: URL) throws(SnapshotSourceError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: Self.reason(error, at: url))
        }
        do {
            snapshot = try SnapshotDecoder.decode(data)
        } catch {
            throw .invalid(path: url.path, error)
        }
    }

    /// The snapshot; throws `SnapshotSourceError.otherUser` when it belongs to someone else.
    ///
    /// `now` is not applied: the snapshot describes its own moment, and the builder takes `now` separately.
    public func fetch(user: UUID, now: Date) async throws -> SourceResult {
        guard user == snapshot.userID else { throw SnapshotSourceError.otherUser(requested: user, found: snapshot.userID) }
        return SourceResult(snapshot: snapshot)
    }

    private static func reason(_ error: any Error, at url: URL) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        guard FileManager.default.isReadableFile(atPath: url.path) else { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}

/// Why a snapshot file could not be used.
public enum SnapshotSourceError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a valid snapshot.
    case invalid(path: String, SnapshotError)
    /// The snapshot is another user's.
    case otherUser(requested: UUID, found: UUID)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read snapshot \(QuotedValue(path)): \(reason)"
        case .invalid(let path, let error):
            "invalid snapshot \(QuotedValue(path)): \(error)"
        case .otherUser(let requested, let found):
            "snapshot belongs to user \(found.lowercasedString), not \(requested.lowercasedString)"
        }
    }
}
