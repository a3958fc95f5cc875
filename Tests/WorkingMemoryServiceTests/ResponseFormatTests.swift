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
    ])
    func markdownIsChosenWhenItComesFirst(accept: String, markdown: Bool) {
        #expect(WorkingMemoryRoute.prefersMarkdown(accept) == markdown)
        #expect(!WorkingMemoryRoute.prefersMarkdown(nil))
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
