import Foundation
import SourceData
import WireFormats

/// One source row behind a line of the block: its table, its id, and the columns the line shows.
///
/// `id` is the row's primary key; a snapshot file may leave it out for `user_context` and
/// `platform_connections` rows, which are then named by `key` (unique per user: the context key, or the
/// platform's name).
public struct SourceRow: Sendable, Hashable {
    public var table: SnapshotTable
    public var id: UUID?
    /// The row's natural key: `user_context.key`, or `platform_connections.platform`; nil for other tables.
    public var key: String?
    /// The columns whose values the line shows, by name; a jsonb member as `column.member`.
    public var columns: [String]

    public init(table: SnapshotTable, id: UUID?, key: String? = nil, columns: [String]) {
        self.table = table
        self.id = id
        self.key = key
        self.columns = columns
    }

    /// `user_context id=… key=fact:coffee (value)`: how `--explain` and `wm diff` name the row.
    public var description: String {
        var text = table.rawValue
        if let id { text += " id=" + id.lowercasedString }
        if let key { text += " key=" + key }
        return text + " (" + columns.joined(separator: ", ") + ")"
    }
}
