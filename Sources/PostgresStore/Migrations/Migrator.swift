import Foundation

/// Applies migration files in order, each in its own transaction, under an advisory lock.
///
/// Applied files are recorded in `schema_migrations` with the sha256 of their bytes. A file that changed after
/// it was applied is refused: the database would no longer match the repository.
///
/// The lock is transaction-level (`pg_advisory_xact_lock`), taken again by every transaction: the check,
/// then each migration, which finds out inside its transaction whether another run applied it meanwhile.
/// Nothing outlives a transaction, so migrations run the same through a transaction-mode pooler
/// (`PoolerMode.transaction`) as on a direct connection, and concurrent runs wait for each other.
public struct Migrator: Sendable {
    /// Arbitrary constant naming this project's advisory lock.
    static let advisoryLockKey = 7_245_830_551

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies every pending migration and returns the ones applied now (empty when up to date).
    ///
    /// - Throws: `PostgresError` of kind `migrationFailed` naming the file when an applied file changed or a
    ///   migration's SQL fails (its transaction is rolled back; earlier migrations stay applied).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [Migration] {
        try connection.withSession { session in
            // Every changed file is refused before anything is applied.
            try session.transaction { session in
                try lock(session)
                try refuseChangedFiles(try status(in: session))
            }
            var applied: [Migration] = []
            for migration in migrations {
                if try apply(migration, in: session) { applied.append(migration) }
            }
            return applied
        }
    }

    /// Lists every migration, applied, pending, changed or missing its file, in version order.
    public func status(_ connection: PostgresConnection) throws -> [MigrationStatus] {
        try connection.withSession { session in
            try session.transaction { session in
                try lock(session)
                return try status(in: session)
            }
        }
    }

    // MARK: - Steps

    private func status(in session: PostgresSession) throws -> [MigrationStatus] {
        try createHistoryTable(in: session)
        let rows = try session.query("SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version")
        var recorded: [Int: (name: String, checksum: String, appliedAt: Date)] = [:]
        for row in rows.rows {
            recorded[try row.decode(Int.self, "version")] = (
                try row.decode(String.self, "name"),
                try row.decode(String.self, "sha256"),
                try row.decode(Date.self, "applied_at")
            )
        }
        var statuses: [MigrationStatus] = []
        for migration in migrations {
            guard let applied = recorded.removeValue(forKey: migration.version) else {
                statuses.append(MigrationStatus(version: migration.version, fileName: migration.fileName, state: .pending))
                continue
            }
            let checksum = try sha256(of: migration.contents, in: session)
            let state: MigrationStatus.State = checksum == applied.checksum
                ? .applied(applied.appliedAt)
                : .changed(appliedChecksum: applied.checksum, fileChecksum: checksum)
            statuses.append(MigrationStatus(version: migration.version, fileName: migration.fileName, state: state))
        }
        for (version, applied) in recorded {
            statuses.append(MigrationStatus(version: version, fileName: applied.name, state: .missingFile(name: applied.name)))
        }
        return statuses.sorted { $0.version < $1.version }
    }

    private func refuseChangedFiles(_ statuses: [MigrationStatus]) throws(PostgresError) {
        for status in statuses {
            if case .changed(let appliedChecksum, let fileChecksum) = status.state {
                throw PostgresError(
                    .migrationFailed,
                    message: "migration \(status.fileName) was changed after it was applied; restore the file "
                        + "(applied sha256 \(appliedChecksum.prefix(12))…, file sha256 \(fileChecksum.prefix(12))…) "
                        + "and put the change in a new migration"
                )
            }
        }
    }

    /// Applies `migration` in a transaction of its own unless it is recorded already; true when applied now.
    private func apply(_ migration: Migration, in session: PostgresSession) throws -> Bool {
        guard let sql = String(data: migration.contents, encoding: .utf8) else {
            throw PostgresError(.migrationFailed, message: "migration \(migration.fileName) is not valid UTF-8")
        }
        do {
            return try session.transaction { session in
                try lock(session)
                let recorded = try session.query("SELECT 1 FROM schema_migrations WHERE version = \(migration.version)")
                guard recorded.count == 0 else { return false }  // another run applied it meanwhile
                let checksum = try sha256(of: migration.contents, in: session)
                try session.execute(script: sql)
                try session.query("""
                    INSERT INTO schema_migrations (version, name, sha256)
                    VALUES (\(migration.version), \(migration.fileName), \(checksum))
                    """)
                return true
            }
        } catch let error as PostgresError {
            throw PostgresError(
                .migrationFailed, sqlState: error.sqlState,
                message: "migration \(migration.fileName) failed: \(error.message)", detail: error.detail
            )
        }
    }

    private func createHistoryTable(in session: PostgresSession) throws {
        try session.execute(script: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                sha256 text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    /// The sha256 of `data` in lower-case hex, computed by the server (PostgreSQL 11+ has `sha256()`).
    private func sha256(of data: Data, in session: PostgresSession) throws -> String {
        let hex = data.map { String(format: "%02x", $0) }.joined()
        let rows = try session.query("SELECT encode(sha256(decode(\(hex), 'hex')), 'hex') AS checksum")
        return try rows.rows[0].decode(String.self, "checksum")
    }

    /// Waits for this project's advisory lock; the transaction's end releases it.
    private func lock(_ session: PostgresSession) throws {
        try session.query("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
    }
}
