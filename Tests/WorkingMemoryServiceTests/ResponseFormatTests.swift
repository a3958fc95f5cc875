import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WorkingMemoryService

/// Content negotiation and the JSON error format outside the routes.
@Suite struct ResponseFormatTests {
    @Test(arguments: [
        ("text/markdown", true), ("text/markdown; charset=utf-8", true), ("text/markdown, application/json", true),
        ("application/json, text/markdown", false), ("*/*", false), ("text/html", false), ("TEXT/MARKDOWN", true),
        ("application/json;q=0.5, text/markdown", true), ("text/markdown;q=0", false), ("text/*", true),
        ("*/*;q=0.1, text/markdown;q=0.2", true), ("text/markdown;q=0.5, */*", false),
        ("text/markdown;q=0.9, application/json;q=0.8", true), ("application/json;q=0, */*", true),
        ("text/markdown;q=abc", true), ("garbage, text/markdown", true), ("text/*;q=0.3, application/*;q=0.2", true),
        ("application/json;q=0, text/markdown;q=0", false),
        ("\ttext/markdown ;\tq=0.9 , application/json;q=0.8", true), ("Application/JSON;Q=0.1, Text/Markdown;Q=0.2", true),
        ("text/markdown/extra", false), ("/markdown", false), ("text/", false), ("text/markdown;q=1.5, application/json;q=0.9", true),
        (",, text/markdown ,", true), ("application/json, , text/markdown;q=1", false),
    ])
    func markdownIsChosenByQualityThenOrder(accept: String, markdown: Bool) {
        #expect(WorkingMemoryRoute.prefersMarkdown(accept) == markdown)
        #expect(!WorkingMemoryRoute.prefersMarkdown(nil))
    }

    @Test(arguments: [
        ("caller-42", true), ("trace:0af7651916cd43dd8448eb211c80319c.1_b", true), ("", false), ("has space", false),
        ("quote\"", false), ("é", false), (String(repeating: "x", count: 128), true), (String(repeating: "x", count: 129), false),
    ])
    func aClientRequestIDIsUsedOnlyWhenSafe(header: String, used: Bool) {
        #expect((ClientRequestID(header)?.value == header) == used)
    }

    @Test func theClientsRequestIDIsEchoedAndInTheErrorBody() async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            try await TestService.application(service).test(.router) { client in
                var headers = TestService.authorized
                headers[.requestID] = "caller-42"
                try await client.execute(uri: "/v2/nothing", method: .get, headers: headers) { response in
                    #expect(response.headers[.requestID] == "caller-42")
                    #expect(response.text.contains("\"request_id\":\"caller-42\""))
                }
                headers[.requestID] = "not usable"
                try await client.execute(uri: "/v2/nothing", method: .get, headers: headers) { response in
                    let id = try #require(response.headers[.requestID])
                    #expect(id != "not usable" && !id.isEmpty)
                }
            }
        }
    }

    @Test func anUnknownRouteIsAJSON404WithTheRequestID() async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: "/v2/nothing", method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .notFound)
                    #expect(response.errorCode == "not_found")
                    let id = try #require(response.headers[.requestID])
                    #expect(response.text.contains(id))
                }
            }
        }
    }
}
