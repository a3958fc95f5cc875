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
    private let settings: SessionSettings
    /// Where other threads find the key that cancels the statement running here.
    private let cancelSlot: StatementCancelSlot

    init(configuration: PostgresConfiguration, logger: Logger, cancelSlot: StatementCancelSlot = StatementCancelSlot()) throws(PostgresError) {
        self.configuration = configuration
        self.noticeSink = NoticeSink(logger: logger)
        self.settings = SessionSettings(statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds)
        self.cancelSlot = cancelSlot
        handle = try Self.connect(configuration)
        PQsetNoticeProcessor(handle, noticeProcessor, Unmanaged.passUnretained(noticeSink).toOpaque())
        try prepareSession()
    }

    /// True behind a transaction-mode pooler: nothing may stay on the server connection.
    private var sharesServerConnection: Bool { configuration.pooler == .transaction }

    /// True when a statement sent now must set the session settings in its own transaction first.
    private var needsLocalSettings: Bool { sharesServerConnection && !inTransaction }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs one parameterised statement and returns its rows.
    ///
    /// A connection found broken is reset once; outside a transaction the statement is then sent once more
    /// (the store's writes carry client-generated ids and `ON CONFLICT DO NOTHING`, so a resend cannot
    /// duplicate a row). For an explicit transaction use `transaction(_:)`: behind a transaction pooler a
    /// statement runs in a pipeline of its own, and a transaction it leaves open is rolled back at its end.
    /// - Throws: `PostgresError`: `connectionFailed`, `statementFailed` (with SQLSTATE), or `timedOut`.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        try ensureConnected()
        do {
            return try runAlone(query)
        } catch where error.kind == .connectionFailed && !inTransaction {
            try reset()
            return try runAlone(query)
        }
    }

    /// Sends every statement in one round trip (libpq pipeline mode) and returns each one's outcome.
    ///
    /// `transactions` says how the statements share transactions (see `PipelineTransactions`); the server
    /// answers in one flush either way. Inside `transaction(_:)` the open transaction holds them all and
    /// no other is begun; outside it, a transaction still open when the pipeline ends (a failed statement
    /// after `BEGIN`) is rolled back, so nothing is left on the server connection. A connection found broken
    /// is reset once and the whole pipeline resent (use it for reads).
    /// - Throws: `PostgresError` only when the connection fails; statement errors are in the results.
    public func pipeline(
        _ queries: [PostgresQuery], transactions: PipelineTransactions = .perStatement
    ) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try ensureConnected()
        do {
            return try runPipeline(queries, transactions: transactions)
        } catch where error.kind == .connectionFailed && !inTransaction {
            try reset()
            return try runPipeline(queries, transactions: transactions)
        }
    }

    /// Runs trusted SQL text that may hold several statements and no parameters (migration files).
    ///
    /// Outside `transaction(_:)` the text runs as one implicit transaction, which behind a transaction
    /// pooler first sets the session settings.
    public func execute(script: String) throws(PostgresError) {
        try ensureConnected()
        try executeScript(needsLocalSettings ? settings.transactionLocalSQL + ";\n" + script : script)
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`, rolling back when it throws.
    ///
    /// Behind a transaction pooler the session settings are set inside the transaction, in the same round
    /// trip as `BEGIN`.
    public func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try ensureConnected()
        try begin()
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

    /// True when no transaction is open on the connection (libpq's `PQtransactionStatus`).
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    // MARK: - libpq plumbing

    /// One statement: sent as it is, or behind a transaction pooler in a pipeline after the settings.
    private func runAlone(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        guard needsLocalSettings else { return try run(query) }
        return try runPipeline([query], transactions: .single)[0].get()
    }

    /// `BEGIN`, and behind a transaction pooler the settings in the same round trip; sent again (at most
    /// twice) when a timeout left on the server connection cancels them, as `runPipeline` does.
    private func begin() throws(PostgresError) {
        guard sharesServerConnection else { return try executeScript("BEGIN") }
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try executeScript("BEGIN; " + settings.transactionLocalSQL)
            } catch where error.kind == .timedOut && attempts < 3 {
                if !isIdle { try executeScript("ROLLBACK") }
            }
        }
    }

    private func executeScript(_ script: String) throws(PostgresError) {
        _ = try consume(PQexec(handle, script))
    }

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
    /// is sent as it is and fails in its own slot; only a broken connection and a timeout or cancel (preparing
    /// takes the table's lock, so a blocked statement would block again when sent) throw. Behind a transaction
    /// pooler nothing is prepared: a named statement would stay on a server connection other clients get.
    private func prepareIfNeeded(_ queries: [PostgresQuery]) throws(PostgresError) -> [PostgresQuery] {
        if sharesServerConnection { return queries.map { $0.unprepared() } }
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
            } catch where error.kind != .connectionFailed && error.kind != .timedOut {
                ready.append(query.unprepared())
            }
        }
        return ready
    }

    /// Sends the pipeline, then ends a transaction that a failed statement left open.
    ///
    /// Behind a transaction pooler the statements this session adds (`BEGIN`, the settings) run under
    /// whatever `statement_timeout` another client left on the server connection, until the settings take
    /// effect. When that cancels one of them, none of the caller's statements of that transaction ran, so
    /// they are sent again, at most twice more (each time most likely on another server connection).
    private func runPipeline(
        _ queries: [PostgresQuery], transactions: PipelineTransactions
    ) throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        var outcomes = try sendOnce(queries, transactions: transactions)
        for _ in 0..<2 {
            let again = outcomes.indices.filter { outcomes[$0].cancelledBeforeRunning }
            guard !again.isEmpty else { break }
            let retried = try sendOnce(again.map { queries[$0] }, transactions: transactions)
            for (position, index) in again.enumerated() { outcomes[index] = retried[position] }
        }
        return outcomes.map(\.result)
    }

    private func sendOnce(
        _ queries: [PostgresQuery], transactions: PipelineTransactions
    ) throws(PostgresError) -> [PipelineOutcome] {
        let wire = PipelinePlan(
            queries: try prepareIfNeeded(queries), transactions: transactions, openTransaction: inTransaction,
            localSettings: needsLocalSettings ? settings : nil
        ).statements
        let outcomes = try sendAndRead(wire)
        // A failing statement after BEGIN leaves the transaction open and aborted past the sync point.
        if !inTransaction && PQtransactionStatus(handle) != PQTRANS_IDLE {
            try executeScript("ROLLBACK")
        }
        return outcomes
    }

    /// A caller's statement's outcome, and whether a statement the session added before it in its
    /// transaction was cancelled by a timeout (so it did not run and may be sent again).
    private struct PipelineOutcome {
        let result: Result<PostgresRows, PostgresError>
        let cancelledBeforeRunning: Bool
    }

    private func sendAndRead(_ wire: [PipelinePlan.Statement]) throws(PostgresError) -> [PipelineOutcome] {
        guard PQenterPipelineMode(handle) == 1 else { throw connectionError(fallback: "cannot enter pipeline mode") }
        defer { PQexitPipelineMode(handle) }
        for statement in wire {
            let query = statement.query
            let texts = query.binds.map(\.text)
            let sent = withCStrings(texts) { pointers in
                if let name = query.preparedName {
                    return PQsendQueryPrepared(handle, name, Int32(texts.count), pointers, nil, nil, 0)
                }
                return PQsendQueryParams(handle, query.sql, Int32(texts.count), nil, pointers, nil, nil, 0)
            }
            guard sent == 1, !statement.syncs || PQpipelineSync(handle) == 1 else {
                throw connectionError(fallback: "cannot send the pipeline")
            }
        }
        var outcomes: [PipelineOutcome] = []
        // The first failure of a statement this session added (BEGIN, the settings) explains the rest.
        var groupFailure: PostgresError?
        var groupFailureRetries = true
        for statement in wire {
            // One statement's results (exactly one for a single statement), then NULL, then its sync point.
            guard let first = PQgetResult(handle) else { throw connectionError(fallback: "the pipeline ended early") }
            let outcome: Result<PostgresRows, PostgresError>
            if PQresultStatus(first) == PGRES_PIPELINE_ABORTED {
                PQclear(first)
                let reason = groupFailure.map { "not run: \($0.message)" } ?? "not run: an earlier statement of the pipeline failed"
                outcome = .failure(PostgresError(groupFailure?.kind ?? .statementFailed, sqlState: groupFailure?.sqlState, message: reason))
            } else {
                do {
                    outcome = .success(try consume(first))
                } catch {
                    if error.kind == .connectionFailed { throw error }
                    outcome = .failure(error)
                }
            }
            if statement.isCallers {
                let cancelled = groupFailure?.kind == .timedOut && groupFailureRetries
                outcomes.append(PipelineOutcome(result: outcome, cancelledBeforeRunning: cancelled))
            } else if case .failure(let error) = outcome, groupFailure == nil {
                groupFailure = error
                groupFailureRetries = statement.retriesWhenCancelled
            }
            while let extra = PQgetResult(handle) { PQclear(extra) }
            guard statement.syncs else { continue }
            groupFailure = nil
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
        cancelSlot.replace(with: nil)
        PQreset(handle)
        preparedNames.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else {
            throw connectionError(fallback: "could not reconnect to the database")
        }
        try prepareSession()
    }

    /// Makes the cancel key of the new server connection and, on a connection of its own, the settings
    /// every statement relies on (behind a transaction pooler each transaction sets them instead).
    private func prepareSession() throws(PostgresError) {
        cancelSlot.replace(with: StatementCancelKey(handle: handle))
        guard !sharesServerConnection else { return }
        try executeScript(settings.sessionScript)
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
