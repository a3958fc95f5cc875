import ArgumentParser
import Foundation
import PostgresStore

/// `--database-url`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "libpq connection string or postgresql:// URI.",
            discussion: "Default: the DATABASE_URL environment variable, else libpq's PG* environment defaults.",
            valueName: "url"
        )
    )
    var databaseURL: String?

    /// Connects, resolving the URL from the option, `DATABASE_URL`, then libpq's defaults.
    func connect() throws -> PostgresConnection {
        let configuration = try PostgresConfiguration.resolve(
            explicit: databaseURL, environment: ProcessInfo.processInfo.environment
        )
        return try PostgresConnection(configuration: configuration)
    }
}
