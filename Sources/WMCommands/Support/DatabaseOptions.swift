import ArgumentParser
import Foundation
import PostgresStore
import WireFormats
import WorkingMemory

/// `--database-url` and `--pooler`, shared by every command that talks to PostgreSQL.
package struct DatabaseOptions: ParsableArguments {
    package init() {}

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "libpq connection string or postgresql:// URI.",
            discussion: "Default: the DATABASE_URL environment variable, else libpq's PG* environment defaults.",
            valueName: "url"
        )
    )
    var databaseURL: String?

    @Option(
        help: ArgumentHelp(
            "What sits between wm and PostgreSQL: none (a direct connection or a session pooler) or transaction "
                + "(a transaction-mode pooler: Supabase's port 6543, PgBouncer pool_mode = transaction).",
            discussion: "Default: the \(PoolerMode.environmentKey) environment variable, else none. With transaction, "
                + "nothing is left on the server connection: no prepared statements, settings made inside each transaction.",
            valueName: "mode"
        )
    )
    var pooler: PoolerMode?

    /// The pooler mode: `--pooler`, else `WM_POOLER`, else none.
    func poolerMode(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PoolerMode {
        if let pooler { return pooler }
        guard let text = environment[PoolerMode.environmentKey], !text.isEmpty else { return .none }
        guard let mode = PoolerMode(rawValue: text) else {
            throw UsageError(
                "\(PoolerMode.environmentKey)=\(QuotedValue(text)) is not a pooler mode; use "
                    + PoolerMode.allCases.map(\.rawValue).joined(separator: " or ")
            )
        }
        return mode
    }

    /// The primary's configuration, resolving the URL from the option, `DATABASE_URL`, then libpq's defaults.
    package func configuration() throws -> PostgresConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try PostgresConfiguration.resolve(explicit: databaseURL, environment: environment)
        configuration.pooler = try poolerMode(environment: environment)
        return configuration
    }

    /// Connects to the primary.
    package func connect() throws -> PostgresConnection {
        try PostgresConnection(configuration: try configuration())
    }
}

/// `--read-database-url`: a read replica for the commands that only read (`wm render --user`, `wm serve`).
package struct ReadReplicaOptions: ParsableArguments {
    package init() {}

    static let environmentKey = "WM_READ_DATABASE_URL"

    @Option(
        name: .customLong("read-database-url"),
        help: ArgumentHelp(
            "A read replica's connection string or URI, for session-start and recent-activity reads.",
            discussion: "Default: the \(environmentKey) environment variable, else none (reads go to the primary). "
                + "Writes always go to --database-url. When the replica cannot be reached the primary answers. "
                + "A replica lags: an event written a moment ago may be missing from what it renders.",
            valueName: "url"
        )
    )
    var readDatabaseURL: String?

    /// The replica's configuration, with the primary's pooler mode, or nil when none is given.
    package func configuration(pooler: PoolerMode) throws -> PostgresConfiguration? {
        let text = readDatabaseURL ?? ProcessInfo.processInfo.environment[Self.environmentKey]
        guard let text, !text.isEmpty else { return nil }
        return try PostgresConfiguration(connectionString: text, pooler: pooler)
    }
}
