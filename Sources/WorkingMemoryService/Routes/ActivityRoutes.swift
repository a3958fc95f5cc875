import Foundation
import Hummingbird
import NIOCore
import PostgresStore
import SourceData
import WireFormats
import WorkingMemory

/// `POST /v1/activity` (append one event or a batch) and `GET /v1/users/{id}/activity` (recent events).
struct ActivityRoutes: Sendable {
    static let writePath = "/v1/activity"
    static let recentPath = "/v1/users/{id}/activity"
    static let recentQueryParameters = ["limit", "days"]
    static let writeQueryParameters: [String] = []

    /// The primary's pool, for writes.
    let pool: ConnectionPool
    let reads: ReadRouter
    let metrics: ServiceMetrics

    /// Validates the body (one event object, or an array of 1 to 1,000) and writes it in one statement,
    /// all or nothing; answers 201 `{"ids": [...]}` in the order given.
    ///
    /// Every refusal is counted in `wm_activity_writes_rejected_total` by its error code.
    func write(_ request: Request, context: some RequestContext) async throws -> Response {
        do {
            _ = try QueryParameters(request, accepted: Self.writeQueryParameters)
            let events = try await ActivityRequestBody.events(of: request)
            let ids = try await pool.run(timeout: pool.settings.writeTimeout) { connection in
                let store = ActivityLogStore(connection: connection)
                return events.count == 1 ? [try store.write(events[0])] : try store.write(batch: events)
            }
            metrics.eventsWritten.increment(by: ids.count)
            return Responses.json(.object(["ids": .array(ids.map { .string($0.lowercasedString) })]), status: .created)
        } catch {
            metrics.recordRejectedWrite(reason: ServiceError.answering(error).code)
            throw error
        }
    }

    /// A user's events of the last `days` days (default 7), newest first, at most `limit` (default 10):
    /// `{"events": [...]}`. Read from the replica when there is one.
    func recent(_ request: Request, context: some RequestContext) async throws -> Response {
        let user = try userID(in: context)
        let query = try QueryParameters(request, accepted: Self.recentQueryParameters)
        let limit = try query.integer("limit", in: 0...ServiceLimits.maximumRecentLimit) ?? 10
        let days = try query.integer("days", in: 0...ServiceLimits.maximumRecentDays) ?? 7
        let now = Date()
        let events = try await reads.read(timeout: pool.settings.readTimeout) { connection in
            try ActivityLogStore(connection: connection).recent(user: user, limit: limit, lookback: Double(days) * 86_400, now: now)
        }
        return Responses.json(.object(["events": .array(events.map(\.json))]))
    }
}

/// The body of `POST /v1/activity`, read within the size limit and validated into events.
enum ActivityRequestBody {
    /// The events of the request's body, validated.
    ///
    /// - Throws: `ServiceError`: 413 over 1 MiB; 400 `malformed_json` when the body is not I-JSON (not JSON,
    ///   or an object names a member twice); 422
    ///   `invalid_event` (naming the index for a batch), `empty_batch` or `batch_too_large`.
    static func events(of request: Request) async throws -> [NewActivityEvent] {
        let limit = ServiceLimits.maximumBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        return try events(in: Data(buffer.readableBytesView))
    }

    /// The events in a JSON body: an object is one event, an array a batch.
    static func events(in body: Data) throws(ServiceError) -> [NewActivityEvent] {
        let document: JSONValue
        do {
            document = try JSONValue.parse(body)
        } catch {
            throw .badRequest("malformed_json", "the body is not I-JSON (RFC 7493): \(error)")
        }
        switch document {
        case .object:
            return [try event(document, label: "event")]
        case .array(let items):
            guard !items.isEmpty else { throw .unprocessable("empty_batch", "a batch must hold at least one event") }
            guard items.count <= ServiceLimits.maximumBatchEvents else {
                throw .unprocessable(
                    "batch_too_large",
                    "a batch holds at most \(ServiceLimits.maximumBatchEvents) events; this one has \(items.count) (nothing was written)"
                )
            }
            var events: [NewActivityEvent] = []
            events.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                events.append(try event(item, label: "events[\(index)]"))
            }
            return events
        default:
            throw .unprocessable("invalid_event", "the body must be an event object or an array of them")
        }
    }

    private static func event(_ value: JSONValue, label: String) throws(ServiceError) -> NewActivityEvent {
        do {
            return try NewActivityEvent(json: value)
        } catch {
            throw .unprocessable("invalid_event", "\(label): \(error)")
        }
    }
}
