import Foundation
import Hummingbird
import HummingbirdTesting
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// `POST /v1/activity` and `GET /v1/users/{id}/activity`, in-process, against the real test database.
@Suite struct ActivityRouteTests {
    static func event(_ user: UUID, type: String = "deliverable_run", summary: String = "Ran the report", id: UUID? = nil) -> String {
        var fields = [#""user_id":"\#(user.lowercasedString)""#, #""event_type":"\#(type)""#, #""summary":"\#(summary)""#]
        if let id { fields.append(#""id":"\#(id.lowercasedString)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func batch(_ user: UUID, count: Int) -> String {
        "[" + (0..<count).map { event(user, summary: "Event \($0)") }.joined(separator: ",") + "]"
    }

    @Test func writesOneEventAndReadsItBack() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let body = #"{"user_id":"\#(user.lowercasedString)","event_type":"platform_synced","summary":"Synced\nslack","event_ref":null,"metadata":{"items":3}}"#
                let id = try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .created)
                    guard case .array(let ids)? = try response.json["ids"], ids.count == 1, case .string(let id) = ids[0] else {
                        Issue.record("no ids in \(response.text)")
                        return ""
                    }
                    return id
                }
                try await client.execute(uri: "/v1/users/\(user.lowercasedString)/activity?limit=5&days=1", method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                    guard case .array(let events)? = try response.json["events"] else {
                        Issue.record("no events in \(response.text)")
                        return
                    }
                    #expect(events.count == 1)
                    #expect(events.first?["id"] == .string(id))
                    #expect(events.first?["summary"] == "Synced slack")
                    #expect(events.first?["metadata"] == .object(["items": .integer(3)]))
                }
            }
        }
        #expect(try database.activityCount(of: user) == 1)
    }

    @Test func writesABatchAllAtOnceAndAResentIdOnlyOnce() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        let fixed = UUID()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let body = "[" + Self.event(user, id: fixed) + "," + Self.batch(user, count: 999).dropFirst()
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .created)
                    guard case .array(let ids)? = try response.json["ids"] else {
                        Issue.record("no ids")
                        return
                    }
                    #expect(ids.count == 1_000)
                    #expect(ids.first == .string(fixed.lowercasedString))
                }
                // A client retrying after a lost answer sends the same id: written once.
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: Self.event(user, id: fixed))) { response in
                    #expect(response.status == .created)
                }
            }
            #expect(service.metrics.exposition().contains("wm_activity_events_written_total 1001"))
        }
        #expect(try database.activityCount(of: user) == 1_000)
    }

    @Test func aBatchWithAnUnknownUserWritesNothing() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                // Valid events; the last names a user the database does not know: the whole batch is refused.
                let body = "[" + Self.event(user) + "," + Self.event(user) + "," + Self.event(UUID()) + "]"
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorCode == "no_such_user")
                }
            }
            #expect(service.metrics.exposition().contains(#"wm_activity_writes_rejected_total{reason="no_such_user"} 1"#))
        }
        #expect(try database.activityCount(of: user) == 0)
    }

    static let user = UUID()

    @Test(arguments: [
        ("{\"user_id\":", HTTPResponse.Status.badRequest, "malformed_json"),
        ("not json", .badRequest, "malformed_json"),
        (event(user, type: "deliverable_exploded"), .unprocessableContent, "invalid_event"),
        (#"{"user_id":"not-a-uuid","event_type":"deliverable_run","summary":"x"}"#, .unprocessableContent, "invalid_event"),
        (#"{"user_id":"\#(user.lowercasedString)","event_type":"deliverable_run"}"#, .unprocessableContent, "invalid_event"),
        (#"{"user_id":"\#(user.lowercasedString)","event_type":"deliverable_run","summary":"x","sumary":"y"}"#, .unprocessableContent, "invalid_event"),
        (#"{"user_id":"\#(user.lowercasedString)","event_type":"deliverable_run","summary":"x","metadata":[1]}"#, .unprocessableContent, "invalid_event"),
        ("[" + event(user) + "," + event(user, summary: "") + "]", .unprocessableContent, "invalid_event"),
        ("[]", .unprocessableContent, "empty_batch"),
        ("42", .unprocessableContent, "invalid_event"),
        (batch(user, count: 1_001), .unprocessableContent, "batch_too_large"),
    ])
    func refusesBadInputAndWritesNothing(body: String, status: HTTPResponse.Status, code: String) async throws {
        let database = try TestDatabase.make()
        try database.connection.query("INSERT INTO auth.users (id) VALUES (\(Self.user))")
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status)
                    #expect(response.errorCode == code)
                }
            }
            #expect(service.metrics.exposition().contains(#"wm_activity_writes_rejected_total{reason="\#(code)"} 1"#))
        }
        #expect(try database.activityCount(of: Self.user) == 0)
    }

    @Test func aBodyOverOneMebibyteIs413() async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            let big = "[" + String(repeating: " ", count: ServiceLimits.maximumBodyBytes) + "]"
            for framework in [TestingSetup.router, .live] {
                try await TestService.application(service).test(framework) { client in
                    try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: big)) { response in
                        #expect(response.status == .contentTooLarge)
                        #expect(response.errorCode == "body_too_large")
                    }
                }
            }
        }
    }

    @Test(arguments: ["limit=-1", "limit=1001", "days=400", "days=x", "since=1"])
    func recentRefusesBadParameters(query: String) async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: "/v1/users/\(UUID().lowercasedString)/activity?\(query)", method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }
}
