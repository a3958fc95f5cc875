import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PostgresStore
import TestDatabaseSupport

/// The hot standby scripts/test.sh makes with `pg_basebackup -R`: stopping and starting it, and waiting
/// until it has replayed what the primary wrote.
enum TestStandby {
    /// Runs one of the shell commands scripts/test.sh exports (`WM_TEST_STANDBY_STOP`, `…_START`).
    ///
    /// With posix_spawn and waitpid: Foundation's `Process.waitUntilExit()` was seen here never to return
    /// for a child that had exited (left a zombie) while other tests spawned processes.
    static func run(_ variable: String) throws {
        let command = try TestDatabase.environment(variable) + " >/dev/null 2>&1"
        let words: [String] = ["/bin/bash", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, arguments, environ)
        guard spawned == 0 else { throw TestSetupError("\(variable): posix_spawn failed (\(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw TestSetupError("\(variable) failed with wait status \(status)") }
    }

    static func stop() throws { try run("WM_TEST_STANDBY_STOP") }
    static func start() throws { try run("WM_TEST_STANDBY_START") }

    /// Waits (up to 180 s) until the standby has replayed everything the primary has written so far, and
    /// accepts connections to `database`.
    static func waitUntilCaughtUp(with database: TestDatabase) async throws {
        try await waitUntilStandby(with: database, "pg_last_wal_replay_lsn()", "replayed")
    }

    /// Waits (up to 180 s) until the standby has received everything the primary has written so far.
    static func waitUntilReceived(with database: TestDatabase) async throws {
        try await waitUntilStandby(with: database, "pg_last_wal_receive_lsn()", "received")
    }

    /// The insert position, not the write position: the test server commits asynchronously
    /// (`synchronous_commit = off`), so a commit may not be written, nor sent, yet.
    private static func waitUntilStandby(with database: TestDatabase, _ position: String, _ what: String) async throws {
        let lsn = try database.connection.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").rows[0].decode(String.self, "lsn")
        // Generous: while every other suite writes and the property tests load both cores, replay can lag
        // by tens of seconds. A wait that ends early is not a failure of what the tests check.
        let deadline = ContinuousClock.now + .seconds(180)
        var lastError: (any Error)?
        var attempts = 0
        // One check more after the deadline: an attempt that waited past it (a connection to a standby busy
        // replaying can take long) still counts when the standby has caught up by then.
        while true {
            attempts += 1
            do {
                let standby = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try database.standbyURL))
                let done = try standby.query("SELECT \(unescaped: position) >= \(lsn)::pg_lsn AS done").rows[0].decode(Bool.self, "done")
                if done { return }
            } catch {
                lastError = error
            }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let state = try? PostgresConnection(configuration: PostgresConfiguration(connectionString: try database.standbyURL)).query(
            "SELECT pg_last_wal_receive_lsn()::text AS received, pg_last_wal_replay_lsn()::text AS replayed, pg_is_wal_replay_paused() AS paused"
        ).rows.first.map { "received \((try? $0.decode(String.self, "received")) ?? "?"), replayed \((try? $0.decode(String.self, "replayed")) ?? "?"), paused \((try? $0.decode(Bool.self, "paused")).map(String.init) ?? "?")" }
        throw TestSetupError("the standby has not \(what) the primary's WAL (\(lsn)) within 180 s (\(attempts) checks): \(lastError.map { "\($0)" } ?? "behind") \(state ?? "")")
    }
}
