/// A user's data version: equal versions mean the user's source rows are the same.
///
/// Kept by the database (migration 005): `version` changes whenever a statement changes any of the user's
/// rows, `epoch` whenever a source table is truncated. Neither value is ever handed out twice, so a change
/// always gives a version no earlier state had. Compare versions for equality only: they are not ordered.
/// Its text, `EPOCH:VERSION` (e.g. `0:1042`), is what the JSON result's `data_version` shows.
public struct DataVersion: Sendable, Hashable, CustomStringConvertible {
    /// Set by every `TRUNCATE` of a source table.
    public var epoch: Int64
    /// Set by every statement that changes the user's rows; 0 when none has since migration 005.
    public var version: Int64

    public init(epoch: Int64, version: Int64) {
        self.epoch = epoch
        self.version = version
    }

    public var description: String { "\(epoch):\(version)" }
}
