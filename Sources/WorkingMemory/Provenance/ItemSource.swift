/// Where one item of the block came from: the rows it shows, and how its text was computed from them.
public struct ItemSource: Sendable, Hashable {
    /// The rows whose values the item's line shows (several for a line that joins rows, such as the name
    /// line: `name`, `role` and `company`).
    public var rows: [SourceRow]
    /// How the line's text was computed from the rows, when it is not their values as stored (a sync
    /// freshness relative to now, an instant in the display zone, a summary cut short); nil otherwise.
    public var computed: String?

    public init(rows: [SourceRow], computed: String? = nil) {
        self.rows = rows
        self.computed = computed
    }
}
