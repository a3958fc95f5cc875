import CLibPQ
import Foundation
import Logging

/// The owner of one libpq connection handle: runs statements on it and frees it exactly once.
///
/// Not Sendable: it is only reached through `PostgresConnection`, whose mutex guarantees that one task at
/// a time uses it. Do not keep a reference to a session outside the closure that received it.
public final class PostgresSession {
    private var handle: OpaquePointer?
    private let configuration: PostgresConfiguration
    private let noticeSink: NoticeSink
    /// True while an explicit transaction is open; a broken connection is then never silently retried.
    private var inTransaction = false
    /// Names of the statements prepared on this connection (emptied when the connection is reset).
    private var preparedNames: Set<String> = []

    init(configuration: PostgresConfiguration, logger: Logger) throws(PostgresError) {
        self.configuration = configuration
        self.noticeSink = NoticeSink(logger: logger)
        handle = try Self.connect(configuration)
        PQsetNoticeProcessor(handle, noticeProcessor, Unmanaged.passUnretained(noticeSink).toOpaque())
        try prepareSession()
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs one parameterised statement and returns its rows.
    ///
    /// A connection found broken is reset once; outside a transaction the statement is then sent once more
    /// (the store's writes carry client-generated ids and `ON CONFLICT DO NOTHING`, so a resend cannot
    /// duplicate a row).
    /// - Throws: `PostgresError`: `connectionFailed`, `statementFailed` (with SQLSTATE), or `timedOut`.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        try ensureConnected()
        do {
            return try run(query)
        } catch where error.kind == .connectionFailed && !inTransaction {
            try reset()
            return try run(query)
        }
    }

    /// Sends every statement in one round trip (libpq pipeline mode) and returns each one's outcome.
    ///
    /// With `isolated` (the default) each statement is followed by its own sync point, so it runs in its own
    /// implicit transaction: one failing statement does not abort the others. Without it one sync point ends
    /// the pipeline: the server answers in one flush, and after a failing statement the later ones are not
    /// run (their outcome is a `statementFailed` error saying so). A connection found broken is reset once
    /// and the whole pipeline resent (use it for reads).
    /// - Throws: `PostgresError` only when the connection fails; statement errors are in the results.
    public func pipeline(_ queries: [PostgresQuery], isolated: Bool = true) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try ensureConnected()
        do {
            return try runPipeline(queries, isolated: isolated)
        } catch where error.kind == .connectionFailed && !inTransaction {
            try reset()
            return try runPipeline(queries, isolated: isolated)
        }
    }

    /// Runs trusted SQL text that may hold several statements and no parameters (migration files).
    public func execute(script: String) throws(PostgresError) {
        try ensureConnected()
        let result = PQexec(handle, script)
        _ = try consume(result)
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`, rolling back when it throws.
    public func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        _ = try query("BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let value = try body(self)
            _ = try query("COMMIT")
            return value
        } catch {
            if PQstatus(handle) == CONNECTION_OK { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    // MARK: - libpq plumbing

    private func run(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        let query = try prepareIfNeeded([query])[0]
        let texts = query.binds.map(\.text)
        let count = Int32(texts.count)
        let result: OpaquePointer? = withCStrings(texts) { pointers in
            if let name = query.preparedName {
                return PQexecPrepared(handle, name, count, pointers, nil, nil, 0)
            }
            return PQexecParams(handle, query.sql, count, nil, pointers, nil, nil, 0)
        }
        return try consume(result)
    }

    /// Prepares the named statements this connection has not prepared yet (one round trip each, once).
    ///
    /// A statement the server refuses to prepare (say, its table is missing) is returned unprepared, so it
    /// is sent as it is and fails in its own slot; only a broken connection throws.
    private func prepareIfNeeded(_ queries: [PostgresQuery]) throws(PostgresError) -> [PostgresQuery] {
        var ready: [PostgresQuery] = []
        for query in queries {
            guard let name = query.preparedName, !preparedNames.contains(name) else {
                ready.append(query)
                continue
            }
            do {
                _ = try consume(PQprepare(handle, name, query.sql, Int32(query.binds.count), nil))
                preparedNames.insert(name)
                ready.append(query)
            } catch where error.kind != .connectionFailed {
                ready.append(query.unprepared())
            }
        }
        return ready
    }

    private func runPipeline(_ queries: [PostgresQuery], isolated: Bool) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        let queries = try prepareIfNeeded(queries)
        guard PQenterPipelineMode(handle) == 1 else { throw connectionError(fallback: "cannot enter pipeline mode") }
        defer { PQexitPipelineMode(handle) }
        func syncs(after index: Int) -> Bool { isolated || index == queries.count - 1 }
        for (index, query) in queries.enumerated() {
            let texts = query.binds.map(\.text)
            let sent = withCStrings(texts) { pointers in
                if let name = query.preparedName {
                    return PQsendQueryPrepared(handle, name, Int32(texts.count), pointers, nil, nil, 0)
                }
                return PQsendQueryParams(handle, query.sql, Int32(texts.count), nil, pointers, nil, nil, 0)
            }
            guard sent == 1, !syncs(after: index) || PQpipelineSync(handle) == 1 else { throw connectionError(fallback: "cannot send the pipeline") }
        }
        var outcomes: [Result<PostgresRows, PostgresError>] = []
        for index in queries.indices {
            // One statement's results (exactly one for a single statement), then NULL, then its sync point.
            guard let first = PQgetResult(handle) else { throw connectionError(fallback: "the pipeline ended early") }
            if PQresultStatus(first) == PGRES_PIPELINE_ABORTED {
                PQclear(first)
                outcomes.append(.failure(PostgresError(.statementFailed, message: "not run: an earlier statement of the pipeline failed")))
            } else {
                do {
                    outcomes.append(.success(try consume(first)))
                } catch {
                    if error.kind == .connectionFailed { throw error }
                    outcomes.append(.failure(error))
                }
            }
            while let extra = PQgetResult(handle) { PQclear(extra) }
            guard syncs(after: index) else { continue }
            guard let sync = PQgetResult(handle) else { throw connectionError(fallback: "the pipeline lost its sync point") }
            let status = PQresultStatus(sync)
            PQclear(sync)
            guard status == PGRES_PIPELINE_SYNC else { throw connectionError(fallback: "the pipeline lost its sync point") }
        }
        return outcomes
    }

    /// Copies a result into Swift values and clears it exactly once.
    private func consume(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw connectionError(fallback: "no result from the server")
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.copyRows(of: result)
        default:
            throw resultError(result)
        }
    }

    private static func copyRows(of result: OpaquePointer) -> PostgresRows {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        var rows = PostgresRows.Builder(expectedValues: Int(rowCount) * Int(columnCount), expectedBytes: Int(rowCount) * Int(columnCount) * 32)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    rows.appendNull()
                } else {
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    rows.append(UnsafeBufferPointer(start: bytes, count: Int(PQgetlength(result, row, column))))
                }
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, count: Int(rowCount), builder: rows, affectedRows: affected)
    }

    private func resultError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let sqlState = field(WM_PG_DIAG_SQLSTATE)
        let message = field(WM_PG_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingWhitespace()
        let detail = field(WM_PG_DIAG_MESSAGE_DETAIL)
        let kind: PostgresError.Kind
        if sqlState == "57014" {
            kind = .timedOut
        } else if sqlState?.hasPrefix("08") == true || (sqlState == nil && PQstatus(handle) != CONNECTION_OK) {
            kind = .connectionFailed
        } else {
            kind = .statementFailed
        }
        return PostgresError(kind, sqlState: sqlState, message: message, detail: detail)
    }

    private func connectionError(fallback: String) -> PostgresError {
        let message = handle.map { String(cString: PQerrorMessage($0)).trimmingTrailingWhitespace() } ?? ""
        return PostgresError(.connectionFailed, message: message.isEmpty ? fallback : message)
    }

    private func ensureConnected() throws(PostgresError) {
        if PQstatus(handle) != CONNECTION_OK { try reset() }
    }

    /// Re-establishes the connection once, keeping the notice processor, and re-applies session settings.
    private func reset() throws(PostgresError) {
        PQreset(handle)
        preparedNames.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else {
            throw connectionError(fallback: "could not reconnect to the database")
        }
        try prepareSession()
    }

    /// Settings every statement relies on: UTC ISO timestamps and the statement timeout.
    private func prepareSession() throws(PostgresError) {
        let timeout = configuration.statementTimeoutMilliseconds
        try execute(script: "SET statement_timeout = \(timeout); SET TimeZone = 'UTC'; SET DateStyle = 'ISO'")
    }

    private static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> OpaquePointer {
        // Keywords before `dbname` are defaults the connection string may override.
        let keywords = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = [String(configuration.connectTimeoutSeconds), "wm", "UTF8", configuration.connectionString]
        let connection: OpaquePointer? = withCStrings(keywords + [nil]) { keywordPointers in
            withCStrings(values + [nil]) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(.connectionFailed, message: "out of memory while connecting")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingWhitespace()
            PQfinish(connection)
            throw PostgresError(.connectionFailed, message: message)
        }
        return connection
    }
}

/// Calls `body` with a C array of C strings that lives for the call only.
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
    defer { owned.forEach { free($0) } }
    return body(owned.map { $0.map { UnsafePointer($0) } })
}
