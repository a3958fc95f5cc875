import SourceData

/// Why a read meant for the replica was answered by the primary (the `reason` of
/// `wm_replica_fallbacks_total`).
public enum ReplicaFallbackReason: String, Sendable, CaseIterable {
    /// The replica could not be reached, or its connection broke.
    case unreachable
    /// The replica did not answer within the read timeout.
    case timedOut = "timed_out"
    /// The standby cancelled the read to replay WAL (SQLSTATE 40001 or 40P01).
    case recoveryConflict = "recovery_conflict"
    /// The user is not on the replica yet: created on the primary, not yet replayed.
    case userNotReplicated = "user_not_replicated"
    /// A recent failure marked the replica down; it is tried again after the retry interval.
    case replicaDown = "replica_down"

    /// The reason to read `error`'s request again on the primary, or nil when the primary would fail alike
    /// (a bad request, a table that cannot be read). The service adds its pool's own timeout
    /// (`init(serviceReadFailure:)`).
    public init?(readFailure error: any Error) {
        switch error {
        case ActivityLogError.database(let underlying):
            self.init(readFailure: underlying)
        case let error as PostgresError where error.kind == .connectionFailed:
            self = .unreachable
        case let error as PostgresError where error.kind == .timedOut:
            self = .timedOut
        case let error as PostgresError where error.sqlState == "40001" || error.sqlState == "40P01":
            self = .recoveryConflict
        case SourceError.noSuchUser:
            self = .userNotReplicated
        default:
            return nil
        }
    }

    /// True when the failure says the replica itself is in trouble, so that it is left alone for a while.
    public var marksReplicaDown: Bool {
        self == .unreachable || self == .timedOut
    }
}
