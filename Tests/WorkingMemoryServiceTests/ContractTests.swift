import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SourceData
import TestDatabaseSupport
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The five defects the OpenAPI fuzzer found, each answered as documented: a data exception is the
/// caller's 422, strict query parameters, 405 with `Allow` (and `HEAD` on GET routes), I-JSON bodies.
@Suite struct ContractTests {
    static let unreachable = "postgresql://postgres@127.0.0.1:1/none"

    static func event(_ user: UUID, metadata: String? = nil) -> String {
        var fields = [#""user_id":"\#(user.lowercasedString)""#, #""event_type":"chat_session""#, #""summary":"Talked""#]
        if let metadata { fields.append(#""metadata":\#(metadata)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    // MARK: 1. A NUL in the metadata is the caller's 422, not a 500, and nothing is written.

    @Test(arguments: [
        (#"{"a":"b\u0000c"}"#, "$.metadata.a"),
        (#"{"a\u0000":1}"#, #"$.metadata["a\u{0}"]"#),
        (#"{"list":[{"deep":"\u0000"}]}"#, "$.metadata.list[0].deep"),
    ])
    func aNULInTheMetadataIs422NamingTheIndexAndPath(metadata: String, path: String) async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let batch = "[" + Self.event(user) + "," + Self.event(user, metadata: metadata) + "]"
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: batch)) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorCode == "invalid_event")
                    guard case .string(let message)? = try response.json["error"]?["message"] else {
                        Issue.record("no message in \(response.text)")
                        return
                    }
                    #expect(message.hasPrefix("events[1]: "))
                    #expect(message.contains(path))
                }
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: Self.event(user, metadata: metadata))) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorCode == "invalid_event")
                }
            }
        }
        #expect(try database.activityCount(of: user) == 0)
    }

    // MARK: 2. A query parameter given empty or twice is 400 invalid_parameter, naming it.

    @Test(arguments: [
        ("working-memory?now=", "now"), ("working-memory?budget=", "budget"), ("working-memory?tokenizer=", "tokenizer"),
        ("working-memory?template=", "template"), ("working-memory?now", "now"),
        ("working-memory?budget=5&budget=6", "budget"), ("working-memory?template=yarnnn-v1&template=yarnnn-v1", "template"),
        ("activity?limit=", "limit"), ("activity?days=", "days"), ("activity?limit=1&limit=2", "limit"),
    ])
    func anEmptyOrRepeatedParameterIs400(query: String, name: String) async throws {
        try await TestService.with(databaseURL: Self.unreachable) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(UUID().lowercasedString)/\(query)"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.errorCode == "invalid_parameter", "\(uri)")
                    #expect(response.text.contains(name), "\(uri)")
                }
            }
        }
    }

    @Test func nowRendersEveryYearTheSpecAllowsAndRefusesTheOthers() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                for now in ["0002-01-01T00:00:00+23:59", "1969-12-31T23:59:59Z", "9998-12-31T23:59:59-23:59"] {
                    let uri = "/v1/users/\(user.lowercasedString)/working-memory?now=\(now)"
                    try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                        #expect(response.status == .ok, "\(now)")
                        let failed = try response.json["failed_sources"]
                        #expect(failed == .array([]), "\(now)")
                    }
                }
                for now in ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
                    let uri = "/v1/users/\(user.lowercasedString)/working-memory?now=\(now)"
                    try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                        #expect(response.status == .badRequest, "\(now)")
                        #expect(response.errorCode == "invalid_parameter", "\(now)")
                    }
                }
            }
        }
    }

    @Test func anUnknownParameterOnTheWriteRouteIs400() async throws {
        try await TestService.with(databaseURL: Self.unreachable) { service in
            try await TestService.application(service).test(.router) { client in
                let body = ByteBuffer(string: Self.event(UUID()))
                try await client.execute(uri: "/v1/activity?dry_run=1", method: .post, headers: TestService.authorized, body: body) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.errorCode == "unknown_parameter")
                }
            }
        }
    }

    // MARK: 3. A wrong method on a known path is 405 with Allow; HEAD answers as GET without a body.

    @Test(arguments: [
        ("/v1/activity", HTTPRequest.Method.get, "POST"), ("/v1/activity", .put, "POST"), ("/v1/activity", .delete, "POST"),
        ("/v1/activity", .patch, "POST"), ("/v1/activity", .options, "POST"), ("/v1/activity", HTTPRequest.Method("TRACE")!, "POST"),
        ("/v1/activity", .head, "POST"),
        ("/v1/users/x/working-memory", .post, "GET, HEAD"), ("/v1/users/x/activity", .delete, "GET, HEAD"),
        ("/healthz", .post, "GET, HEAD"), ("/readyz", .put, "GET, HEAD"), ("/metrics", .delete, "GET, HEAD"),
    ])
    func aWrongMethodOnAKnownPathIs405WithAllow(path: String, method: HTTPRequest.Method, allow: String) async throws {
        try await TestService.with(databaseURL: Self.unreachable) { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: path, method: method, headers: TestService.authorized) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    if method != .head {
                        #expect(response.errorCode == "method_not_allowed", "\(method) \(path)")
                    }
                }
            }
        }
    }

    @Test func anUnknownPathIsStill404() async throws {
        try await TestService.with(databaseURL: Self.unreachable) { service in
            try await TestService.application(service).test(.router) { client in
                for path in ["/v1/nothing", "/v1/users/x/y", "/v1/activity/x"] {
                    try await client.execute(uri: path, method: .put, headers: TestService.authorized) { response in
                        #expect(response.status == .notFound, "\(path)")
                        #expect(response.headers[.allow] == nil, "\(path)")
                    }
                }
            }
        }
    }

    @Test func headAnswersAsGetWithoutABody() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            for framework in [TestingSetup.router, .live] {
                try await TestService.application(service).test(framework) { client in
                    let uri = "/v1/users/\(user.lowercasedString)/working-memory?now=2026-11-26T09:30:00Z"
                    let get = try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { $0 }
                    try await client.execute(uri: uri, method: .head, headers: TestService.authorized) { response in
                        #expect(response.status == .ok)
                        #expect(response.body.readableBytes == 0)
                        #expect(response.headers[.eTag] == get.headers[.eTag])
                        #expect(response.headers[.contentType] == get.headers[.contentType])
                    }
                    try await client.execute(uri: "/healthz", method: .head) { response in
                        #expect(response.status == .ok)
                        #expect(response.body.readableBytes == 0)
                    }
                    try await client.execute(uri: "/v1/users/not-a-uuid/activity", method: .head, headers: TestService.authorized) { response in
                        #expect(response.status == .badRequest)
                        #expect(response.body.readableBytes == 0)
                    }
                }
            }
        }
    }

    // MARK: 5. A duplicate member name is 400 malformed_json naming it and its offset; nothing is written.

    @Test func aDuplicateMemberNameIs400AndNothingIsWritten() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        let other = try database.makeUser(withData: false)
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let body = #"{"user_id":"\#(user.lowercasedString)","event_type":"chat_session","summary":"s","user_id":"\#(other.lowercasedString)"}"#
                try await client.execute(uri: "/v1/activity", method: .post, headers: TestService.authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.errorCode == "malformed_json")
                    #expect(response.text.contains(#"duplicate member name \"user_id\" at byte 92"#))
                }
            }
        }
        #expect(try database.activityCount(of: user) == 0)
        #expect(try database.activityCount(of: other) == 0)
    }
}
