import PostgresStore

extension ReplicaFallbackReason {
    /// The reason to read `error`'s request again on the primary: the store's reasons
    /// (`init(readFailure:)`), and a replica's pool that gave no connection in time, which counts as a timeout.
    /// Nil when the primary would fail alike (a bad request, a full waiting room, a table that cannot be read).
    init?(serviceReadFailure error: any Error) {
        if let error = error as? PoolError, case .timedOut = error {
            self = .timedOut
            return
        }
        self.init(readFailure: error)
    }
}
