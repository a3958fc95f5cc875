import Foundation
import Testing

/// `--pooler` and `--read-database-url` end to end: the built `wm` against PgBouncer in transaction mode
/// and the hot standby that scripts/test.sh starts.
@Suite struct DatabaseTopologyCLITests {
    static func environment(_ key: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[key], !value.isEmpty else {
            throw CLITestError("\(key) is not set: run the tests with scripts/test.sh")
        }
        return value
    }

    /// A new database name on the test server, and a user with data in it, written in one transaction.
    static func seededDatabase(through url: (String) throws -> String) throws -> (name: String, user: String) {
        let direct = try TestServer.makeDatabase()
        let name = String(direct.split(separator: "/").last!)
        #expect(try WMProcess.run(["migrate", "--database-url", try url(name), "--pooler", "transaction"]).status == 0)
        let user = UUID().uuidString.lowercased()
        try TestServer.psql(direct, """
            INSERT INTO auth.users (id) VALUES ('\(user)');
            INSERT INTO user_context (user_id, key, value) VALUES ('\(user)', 'name', 'Dana'), ('\(user)', 'fact:cat', 'Has a cat');
            INSERT INTO activity_log (user_id, event_type, summary, created_at)
                VALUES ('\(user)', 'chat_session', 'Chat session (4 turns)', '2026-11-25T10:30:00Z');
            """)
        return (name, user)
    }

    static let now = "2026-11-26T12:00:00Z"

    @Test func migrateAndRenderThroughATransactionPoolerGiveTheDirectResults() throws {
        let server = try Self.environment("WM_TEST_SERVER_URL")
        let bouncer = try Self.environment("WM_TEST_PGBOUNCER_URL")
        let direct = try TestServer.makeDatabase()
        let name = String(direct.split(separator: "/").last!)
        let migrated = try WMProcess.run(["migrate", "--database-url", bouncer + "/" + name, "--pooler", "transaction"])
        #expect(migrated.status == 0, Comment(rawValue: migrated.stderr))
        #expect(migrated.stdout.split(separator: "\n").filter { $0.hasPrefix("applied\t") }.count == 5)
        let again = try WMProcess.run(["migrate", "--database-url", bouncer + "/" + name], environment: ["WM_POOLER": "transaction"])
        #expect(again.stdout == "up to date (5 migrations applied)\n")
        let status = try WMProcess.run(["migrate", "--status", "--database-url", bouncer + "/" + name, "--pooler", "transaction"])
        #expect(status.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("applied ") })

        let seeded = try Self.seededDatabase { bouncer + "/" + $0 }
        let reference = try WMProcess.run(["render", "--user", seeded.user, "--database-url", server + "/" + seeded.name, "--now", Self.now, "--format", "json"])
        #expect(reference.status == 0)
        let pooled = try WMProcess.run(
            ["render", "--user", seeded.user, "--database-url", bouncer + "/" + seeded.name, "--now", Self.now, "--format", "json"],
            environment: ["WM_POOLER": "transaction"]
        )
        #expect(pooled.status == 0, Comment(rawValue: pooled.stderr))
        #expect(pooled.stdout == reference.stdout)
        let event = try WMProcess.run([
            "activity", "write", "--user", seeded.user, "--type", "memory_written", "--summary", "Noted",
            "--database-url", bouncer + "/" + seeded.name, "--pooler", "transaction",
        ])
        #expect(event.status == 0, Comment(rawValue: event.stderr))
    }

    @Test func anUnknownPoolerModeIsAUsageError() throws {
        let option = try WMProcess.run(["migrate", "--pooler", "statement"])
        #expect(option.status == 64)
        #expect(option.stderr.contains("none") && option.stderr.contains("transaction"))
        let variable = try WMProcess.run(["render", "--user", UUID().uuidString], environment: ["WM_POOLER": "statement"])
        #expect(variable.status == 64)
        #expect(variable.stderr == "wm: WM_POOLER=\"statement\" is not a pooler mode; use none or transaction\n")
    }

    @Test func renderReadsFromTheReplicaAndFallsBackToThePrimaryWhenItIsUnreachable() throws {
        let server = try Self.environment("WM_TEST_SERVER_URL")
        let standby = try Self.environment("WM_TEST_STANDBY_URL")
        let seeded = try Self.seededDatabase { server + "/" + $0 }
        let primary = server + "/" + seeded.name
        let reference = try WMProcess.run(["render", "--user", seeded.user, "--database-url", primary, "--now", Self.now])
        #expect(reference.status == 0)
        // The standby has the user's rows, or none of them: then the primary answers.
        let replica = try WMProcess.run([
            "render", "--user", seeded.user, "--database-url", primary, "--read-database-url", standby + "/" + seeded.name,
            "--now", Self.now,
        ])
        #expect(replica.status == 0, Comment(rawValue: replica.stderr))
        #expect(replica.stdout == reference.stdout)
        // Nothing listens on port 1.
        let unreachable = try WMProcess.run(
            ["render", "--user", seeded.user, "--database-url", primary, "--now", Self.now],
            environment: ["WM_READ_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/" + seeded.name]
        )
        #expect(unreachable.status == 0)
        #expect(unreachable.stdout == reference.stdout)
        #expect(unreachable.stderr.hasPrefix("wm: warning: read replica: unreachable ("))
        #expect(!unreachable.stderr.contains("password"))
    }
}
