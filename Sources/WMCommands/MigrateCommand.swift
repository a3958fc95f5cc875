import ArgumentParser
import Foundation
import PostgresStore

/// `wm migrate [--status]`: applies pending migrations, or lists where each stands.
package struct MigrateCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations, in order, each in a transaction.",
        discussion: """
            Migrations are the files NNN_name.sql of the migrations folder. Each applied file is recorded in the \
            schema_migrations table with its sha256; a file changed after it was applied is refused. Concurrent \
            runs wait for each other: every transaction takes a transaction-level advisory lock, so migrations \
            also run through a transaction-mode pooler (give --pooler transaction there). Migrations always go \
            to the primary: never give a read replica's URL.
            """
    )

    package init() {}

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List applied and pending migrations instead of applying them.")
    var status = false

    @Option(
        help: ArgumentHelp(
            "Folder holding the migration files.",
            discussion: "Default: WM_MIGRATIONS_DIR, else ./migrations, else the repository's migrations/ above the executable.",
            valueName: "dir"
        )
    )
    var migrations: String?

    package func run() async throws {
        try await reportingFailures {
            guard let folder = migrations.map(URL.init(fileURLWithPath:))
                ?? ProjectFiles.folder("migrations", environmentKey: "WM_MIGRATIONS_DIR") else {
                throw InputError("no migrations folder found: pass --migrations DIR or set WM_MIGRATIONS_DIR")
            }
            let directory = folder.path
            let migrator = Migrator(migrations: try Migration.load(from: folder))
            guard !migrator.migrations.isEmpty else {
                throw InputError("no migration files (NNN_name.sql) in \(directory)")
            }
            let connection = try database.connect()
            if status {
                for entry in try migrator.status(connection) {
                    print("\(entry.stateLabel)\t\(entry.fileName)")
                }
            } else {
                let applied = try migrator.migrate(connection)
                if applied.isEmpty {
                    print("up to date (\(migrator.migrations.count) migrations applied)")
                } else {
                    applied.forEach { print("applied\t\($0.fileName)") }
                }
            }
        }
    }
}

extension MigrationStatus {
    var stateLabel: String {
        switch state {
        case .applied(let date): return "applied \(date.formatted(.iso8601))"
        case .pending: return "pending"
        case .changed: return "CHANGED (refused)"
        case .missingFile: return "applied, file missing"
        }
    }
}
