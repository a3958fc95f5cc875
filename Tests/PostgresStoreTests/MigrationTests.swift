import Foundation
import SourceData
import TestDatabaseSupport
import Testing
import WorkingMemory
@testable import PostgresStore

@Suite struct MigrationTests {
    @Test func runningMigrationsTwiceIsANoOp() throws {
        let database = try TestDatabase.make()
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.migrationsDirectory))
        #expect(try migrator.migrate(database.connection).isEmpty)
        let statuses = try migrator.status(database.connection)
        #expect(statuses.count == migrator.migrations.count)
        for status in statuses {
            guard case .applied = status.state else {
                Issue.record("\(status.fileName) is \(status.state), expected applied")
                continue
            }
        }
    }

    @Test func freshDatabaseListsEveryMigrationAsPending() throws {
        let database = try TestDatabase.make(migrated: false)
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.migrationsDirectory))
        let statuses = try migrator.status(database.connection)
        #expect(statuses.map(\.state) == Array(repeating: .pending, count: migrator.migrations.count))
        #expect(try migrator.migrate(database.connection).count == migrator.migrations.count)
    }

    @Test func aTamperedAppliedMigrationIsRefused() throws {
        let database = try TestDatabase.make()
        var migrations = try Migration.load(from: TestDatabase.migrationsDirectory)
        let original = migrations[1]
        migrations[1] = Migration(
            version: original.version, fileName: original.fileName,
            contents: original.contents + Data("\n-- sneaky edit\n".utf8)
        )
        let migrator = Migrator(migrations: migrations)
        #expect(throws: PostgresError.self) { try migrator.migrate(database.connection) }
        do {
            try migrator.migrate(database.connection)
        } catch let error as PostgresError {
            #expect(error.kind == .migrationFailed)
            #expect(error.message.contains(original.fileName))
            #expect(error.message.contains("changed after it was applied"))
        }
        let statuses = try migrator.status(database.connection)
        guard case .changed = statuses[1].state else {
            Issue.record("expected the tampered file to be listed as changed, got \(statuses[1].state)")
            return
        }
    }

    @Test func aFailingMigrationRollsBackAndNamesTheFile() throws {
        let database = try TestDatabase.make()
        var migrations = try Migration.load(from: TestDatabase.migrationsDirectory)
        migrations.append(Migration(
            version: 999, fileName: "999_broken.sql",
            contents: Data("CREATE TABLE half_done (id int); SELECT no_such_column FROM half_done;".utf8)
        ))
        let migrator = Migrator(migrations: migrations)
        do {
            try migrator.migrate(database.connection)
            Issue.record("a broken migration was applied")
        } catch let error as PostgresError {
            #expect(error.message.contains("999_broken.sql"))
            #expect(error.sqlState == "42703")
        }
        let tables = try database.connection.query("SELECT to_regclass('half_done')::text AS t").rows[0]
        #expect(try tables.decodeIfPresent(String.self, "t") == nil)
        #expect(try migrator.status(database.connection).last?.state == .pending)
    }

    @Test func eventTypeRegistryEqualsTheDatabaseCheck() throws {
        let database = try TestDatabase.make()
        let definition = try database.connection.query("""
            SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conname = 'activity_log_event_type_check'
            """).rows[0].decode(String.self, "def")
        // The definition lists each allowed value as a quoted literal: 'deliverable_run'::text, …
        let literals = Set(definition.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        #expect(literals == Set(ActivityEventType.allCases.map(\.rawValue)))
    }

    @Test func migrationFileNamesAreChecked() {
        #expect(Migration.version(ofFileName: "003_activity_log.sql") == 3)
        #expect(Migration.version(ofFileName: "3_activity_log.sql") == nil)
        #expect(Migration.version(ofFileName: "003-activity.sql") == nil)
        #expect(Migration.version(ofFileName: "003_.sql") == nil)
    }
}
