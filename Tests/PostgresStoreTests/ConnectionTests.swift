import Foundation
import Logging
import SourceData
import Synchronization
import TestDatabaseSupport
import Testing
import WorkingMemory
@testable import PostgresStore

@Suite struct ConnectionTests {
    /// A URL where no server listens: port 1 on loopback refuses at once.
    static let deadServer = "postgresql://wm:s3cret-pa55@127.0.0.1:1/wm"

    @Test func descriptionsNeverShowThePassword() throws {
        let configuration = try PostgresConfiguration(connectionString: Self.deadServer)
        #expect(configuration.description == "postgresql://wm@127.0.0.1:1/wm")
        do {
            _ = try PostgresConnection(configuration: configuration)
            Issue.record("connected to a dead server")
        } catch {
            #expect(error.kind == .connectionFailed)
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    @Test func aMalformedURLIsAClearErrorWithoutTheURL() {
        #expect(throws: PostgresError.self) {
            try PostgresConfiguration(connectionString: "postgresql://wm:s3cret@host:notaport/db?bogus=1")
        }
    }

    @Test func withTheServerStoppedAWriteFailsFastAndRecordDoesNotThrow() throws {
        let database = try TestDatabase.make()
        let store = ActivityLogStore(connection: database.connection)
        let user = try database.insertUser()
        // Stop "the server" for this connection: kill its backend and make reconnecting impossible.
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        try admin.query("ALTER DATABASE \(unescaped: database.name) ALLOW_CONNECTIONS false")
        try admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(database.name)")

        let started = Date()
        #expect(throws: ActivityLogError.self) {
            try store.write(NewActivityEvent(user: user, type: .chatSession, summary: "lost?"))
        }
        #expect(store.record(try NewActivityEvent(user: user, type: .chatSession, summary: "lost?")) == nil)
        #expect(store.failedRecordCount == 1)
        #expect(Date().timeIntervalSince(started) < 10)

        // When the server is back, the same connection recovers by itself.
        try admin.query("ALTER DATABASE \(unescaped: database.name) ALLOW_CONNECTIONS true")
        #expect(store.record(try NewActivityEvent(user: user, type: .chatSession, summary: "back")) != nil)
    }

    @Test func aBrokenConnectionIsResetOnce() throws {
        let database = try TestDatabase.make()
        let before = try database.connection.query("SELECT pg_backend_pid() AS pid").rows[0].decode(Int.self, "pid")
        let admin = try PostgresConnection(configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        try admin.query("SELECT pg_terminate_backend(\(before)::int)")
        let after = try database.connection.query("SELECT pg_backend_pid() AS pid").rows[0].decode(Int.self, "pid")
        #expect(after != before)
        let timeout = try database.connection.query("SHOW statement_timeout").rows[0].decode(String.self, "statement_timeout")
        #expect(timeout == "5s")
    }

    @Test func anIsolatedPipelineRunsEveryStatementAndAJoinedOneStopsAtTheFirstFailure() throws {
        let connection = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"))
        let queries: [PostgresQuery] = ["SELECT 1 AS n", "SELECT * FROM no_such_table", "SELECT 3 AS n"]
        func summary(_ outcomes: [Result<PostgresRows, PostgresError>]) -> [String] {
            outcomes.map { outcome in
                switch outcome {
                case .success(let rows): return (try? rows.rows[0].decode(String.self, "n")) ?? "?"
                case .failure(let error): return error.sqlState ?? error.message
                }
            }
        }
        #expect(summary(try connection.pipeline(queries)) == ["1", "42P01", "3"])
        #expect(summary(try connection.pipeline(queries, transactions: .single))
            == ["1", "42P01", "not run: an earlier statement of the pipeline failed"])
        #expect(summary(try connection.pipeline([queries[0], queries[2]], transactions: .single)) == ["1", "3"])
        // The connection is usable afterwards, outside pipeline mode.
        #expect(try connection.query("SELECT 4 AS n").rows[0].decode(Int.self, "n") == 4)
    }

    @Test func aSlowStatementTimesOut() throws {
        let configuration = try PostgresConfiguration(
            connectionString: try TestDatabase.serverURL + "/postgres", statementTimeoutMilliseconds: 200
        )
        let connection = try PostgresConnection(configuration: configuration)
        do {
            try connection.query("SELECT pg_sleep(5)")
            Issue.record("pg_sleep(5) finished despite a 200 ms timeout")
        } catch {
            #expect(error.kind == .timedOut)
            #expect(error.sqlState == "57014")
        }
        #expect(try connection.query("SELECT 1 AS one").rows[0].decode(Int.self, "one") == 1)
    }

    @Test func valuesAreBoundNeverSpliced() throws {
        let connection = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres")
        )
        let hostile = "'); DROP TABLE pg_class; --"
        let query: PostgresQuery = "SELECT \(hostile) AS text, \(42) AS number, \(true) AS flag, \(Optional<String>.none) AS missing"
        #expect(query.sql == "SELECT $1::text AS text, $2::int8 AS number, $3::bool AS flag, $4::text AS missing")
        let row = try connection.query(query).rows[0]
        #expect(try row.decode(String.self, "text") == hostile)
        #expect(try row.decode(Int.self, "number") == 42)
        #expect(try row.decode(Bool.self, "flag"))
        #expect(try row.decodeIfPresent(String.self, "missing") == nil)
    }

    /// A result's values, kept as bytes in one array, read back as the server sent them: NULL apart from the
    /// empty string, text outside ASCII whole, by position and by name.
    @Test func resultValuesReadBackExactly() throws {
        let connection = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres")
        )
        let rows = try connection.query("""
            SELECT NULL::text AS a, ''::text AS b, 'é日本🙂 x'::text AS c, 42 AS d
            UNION ALL SELECT 'x', NULL, '', NULL
            """)
        #expect(rows.count == 2)
        #expect(rows.columns == ["a", "b", "c", "d"])
        #expect(rows.values == [[nil, "", "é日本🙂 x", "42"], ["x", nil, "", nil]])
        #expect(rows.text(row: 0, column: 2) == "é日本🙂 x")
        #expect(rows.text(row: 1, column: 0) == "x")
        #expect(rows.text(row: 0, column: 4) == nil)
        #expect(rows.withUTF8(row: 0, column: 1) { $0.count } == 0)
        #expect(rows.withUTF8(row: 0, column: 0) { $0.count } == nil)
        #expect(try rows.rows[0].decode(Int.self, "d") == 42)
        #expect(try rows.rows[1].decodeIfPresent(Int.self, "d") == nil)
        let empty = try connection.query("SELECT 1 AS one WHERE false")
        #expect(empty.isEmpty && empty.values.isEmpty && empty.columns == ["one"])
    }

    /// `firstRow(whereColumn:isNot:)`, the owner check's comparison: exact bytes only; NULL, a prefix, a
    /// longer value and a missing column never match.
    @Test func theFirstRowNotHoldingAValueIsFoundByItsBytes() throws {
        let connection = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres")
        )
        let rows = try connection.query("""
            SELECT v FROM (VALUES (1, 'abc'), (2, 'abc'), (3, 'ab'), (4, NULL), (5, 'abcd')) AS t(n, v) ORDER BY n
            """)
        let abc = Array("abc".utf8)
        #expect(rows.firstRow(whereColumn: 0, isNot: abc) == 2)
        #expect(rows.firstRow(whereColumn: 0, isNot: Array("ab".utf8)) == 0)
        #expect(rows.firstRow(whereColumn: 1, isNot: abc) == 0)
        let same = try connection.query("SELECT 'abc' AS v UNION ALL SELECT 'abc'")
        #expect(same.firstRow(whereColumn: 0, isNot: abc) == nil)
        let null = try connection.query("SELECT 'abc' AS v UNION ALL SELECT NULL")
        #expect(null.firstRow(whereColumn: 0, isNot: abc) == 1)
        let none = try connection.query("SELECT 'abc' AS v WHERE false")
        #expect(none.firstRow(whereColumn: 0, isNot: abc) == nil && none.firstRow(whereColumn: 3, isNot: abc) == nil)
    }

    @Test func serverNoticesGoToTheLogger() throws {
        let box = MessageBox()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(box: box) }
        let connection = try PostgresConnection(
            configuration: PostgresConfiguration(connectionString: try TestDatabase.serverURL + "/postgres"),
            logger: logger
        )
        try connection.query("DO $$ BEGIN RAISE WARNING 'hello from the server'; END $$")
        #expect(box.all.contains { $0.contains("hello from the server") })
    }
}

/// Keeps every logged message, to check where notices go.
final class MessageBox: Sendable {
    let messages = Mutex<[String]>([])
    var all: [String] { messages.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let box: MessageBox
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        box.messages.withLock { $0.append(event.message.description) }
    }
}
