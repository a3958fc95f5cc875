import Foundation
import Logging
import SourceData
import Synchronization
import WireFormats

/// The append-only activity log: write events, read a user's recent ones, prune old ones.
///
/// Writes are validated before anything is sent (`NewActivityEvent`). For callers whose main work must not
/// fail, `record` never throws: it logs a failure at error level and counts it in `failedRecordCount`.
public final class ActivityLogStore: Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    private let failures = Atomic<Int>(0)

    public init(connection: PostgresConnection, logger: Logger = Logger(label: "wm.activity")) {
        self.connection = connection
        self.logger = logger
    }

    /// How many `record` calls failed since this store was made.
    public var failedRecordCount: Int { failures.load(ordering: .relaxed) }

    /// Writes one event and returns its id.
    @discardableResult
    public func write(_ event: NewActivityEvent) throws(ActivityLogError) -> UUID {
        try mapErrors {
            try connection.query("""
                INSERT INTO activity_log (id, user_id, event_type, event_ref, summary, metadata, created_at)
                VALUES (\(event.id), \(event.userID), \(event.type.rawValue), \(event.ref), \(event.summary),
                        \(event.metadataJSON.map(PostgresJSON.init(text:))), coalesce(\(event.createdAt), now()))
                ON CONFLICT (user_id, id) DO NOTHING
                """)
        }
        return event.id
    }

    /// Writes all events in one statement (one round trip), all or nothing; returns their ids in order.
    @discardableResult
    public func write(batch events: [NewActivityEvent]) throws(ActivityLogError) -> [UUID] {
        guard !events.isEmpty else { return [] }
        let rows = events.rowsJSON
        try mapErrors {
            try connection.query("""
                INSERT INTO activity_log (id, user_id, event_type, event_ref, summary, metadata, created_at)
                SELECT e.id, e.user_id, e.event_type, e.event_ref, e.summary, e.metadata, coalesce(e.created_at, now())
                FROM json_to_recordset(\(rows)::json) AS e(
                    id uuid, user_id uuid, event_type text, event_ref uuid, summary text,
                    metadata jsonb, created_at timestamptz)
                ON CONFLICT (user_id, id) DO NOTHING
                """)
        }
        return events.map(\.id)
    }

    /// Writes an event, or logs and counts the failure; never throws. Returns the id when written.
    ///
    /// `event` may throw (a validation error) or be nil (a write point that records nothing, such as a sync
    /// of zero items).
    @discardableResult
    public func record(_ event: @autoclosure () throws -> NewActivityEvent?) -> UUID? {
        do {
            guard let event = try event() else { return nil }
            return try write(event)
        } catch {
            failures.add(1, ordering: .relaxed)
            logger.error("activity event not recorded: \(error)")
            return nil
        }
    }

    /// A user's events newer than `now - lookback` and not after `now`, newest first, ties by id descending.
    public func recent(
        user: UUID,
        limit: Int = 10,
        lookback: TimeInterval = 7 * 24 * 3600,
        now: Date
    ) throws(ActivityLogError) -> [RecordedActivityEvent] {
        let since = now.addingTimeInterval(-lookback)
        let rows = try mapErrors {
            try connection.query("""
                SELECT id, user_id, event_type, event_ref, summary, metadata, created_at
                FROM activity_log
                WHERE user_id = \(user) AND created_at > \(since) AND created_at <= \(now)
                ORDER BY created_at DESC, id DESC
                LIMIT \(max(0, limit))
                """)
        }
        return try mapErrors { try rows.rows.map(RecordedActivityEvent.init(row:)) }
    }

    /// Deletes events created before `now - age`, in batches of at most `batchSize`; returns how many.
    ///
    /// Each batch is its own statement, so a large prune never holds one long transaction. With `dryRun`
    /// nothing is deleted and the number that would be is returned.
    public func prune(
        olderThan age: TimeInterval,
        now: Date,
        batchSize: Int = 10_000,
        dryRun: Bool = false
    ) throws(ActivityLogError) -> Int {
        let cutoff = now.addingTimeInterval(-age)
        if dryRun {
            let rows = try mapErrors {
                try connection.query("SELECT count(*) AS n FROM activity_log WHERE created_at < \(cutoff)")
            }
            return (try? rows.rows[0].decode(Int.self, "n")) ?? 0
        }
        var total = 0
        while true {
            let rows = try mapErrors {
                try connection.query("SELECT wm_prune_activity(\(cutoff), \(max(1, batchSize))) AS deleted")
            }
            let deleted = (try? rows.rows[0].decode(Int.self, "deleted")) ?? 0
            total += deleted
            if deleted < batchSize { return total }
        }
    }

    @discardableResult
    private func mapErrors<T>(_ body: () throws -> T) throws(ActivityLogError) -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            if error.sqlState == "23503", let user = Self.userID(inForeignKeyDetail: error.detail) {
                throw .noSuchUser(user)
            }
            if error.kind == .statementFailed, error.sqlState?.hasPrefix("22") == true { throw .refusedValue(error) }
            throw .database(error)
        } catch {
            throw .database(PostgresError(.statementFailed, message: "\(error)"))
        }
    }

    /// Reads the user id out of `Key (user_id)=(…) is not present in table "users".`
    static func userID(inForeignKeyDetail detail: String?) -> UUID? {
        guard let detail, detail.contains("(user_id)=("),
              let start = detail.range(of: "(user_id)=(")?.upperBound,
              let end = detail[start...].firstIndex(of: ")")
        else { return nil }
        return UUID(uuidString: String(detail[start..<end]))
    }
}

extension RecordedActivityEvent {
    init(row: PostgresRow) throws(PostgresError) {
        let typeName = try row.decode(String.self, "event_type")
        guard let type = ActivityEventType(rawValue: typeName) else {
            throw PostgresError(.decodingFailed, message: "unknown event type \(typeName) in activity_log")
        }
        var metadata: [String: JSONValue]?
        if let json = try row.decodeIfPresent(PostgresJSON.self, "metadata"),
           case .object(let object)? = try? JSONValue.parse(json.text) {
            metadata = object
        }
        self.init(
            id: try row.decode(UUID.self, "id"),
            userID: try row.decode(UUID.self, "user_id"),
            type: type,
            ref: try row.decodeIfPresent(UUID.self, "event_ref"),
            summary: try row.decode(String.self, "summary"),
            metadata: metadata,
            createdAt: try row.decode(Date.self, "created_at")
        )
    }
}
