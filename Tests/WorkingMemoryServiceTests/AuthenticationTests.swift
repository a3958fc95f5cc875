import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WorkingMemoryService

/// The bearer token on `/v1`, and the rule that decides whether the service may start.
@Suite struct AuthenticationTests {
    @Test(arguments: [nil, "Bearer wrong-token", "Bearer \(TestService.token)x", "Basic \(TestService.token)", "Bearer "])
    func everyV1RouteRefusesAMissingOrWrongToken(authorization: String?) async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            try await TestService.application(service).test(.router) { client in
                var headers: HTTPFields = [:]
                if let authorization { headers[.authorization] = authorization }
                let user = UUID().uuidString.lowercased()
                let requests: [(String, HTTPRequest.Method)] = [
                    ("/v1/users/\(user)/working-memory", .get), ("/v1/activity", .post), ("/v1/users/\(user)/activity", .get),
                ]
                for (uri, method) in requests {
                    try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: "{}")) { response in
                        #expect(response.status == .unauthorized, "\(method) \(uri)")
                        #expect(response.errorCode == "unauthorized")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    }
                }
                // Health and metrics need no token.
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains(#"wm_http_requests_total{method="GET",route="/v1/users/{id}/activity",status="401"}"#))
                }
            }
        }
    }

    @Test func theTokenComparisonChecksEveryByteAndTheLength() {
        let expected = Array("secret-token".utf8)
        #expect(BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(expected, expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(Array("secret-tokeN".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(Array("secret-token-".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(Array("secret".utf8), expected))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual([], expected))
    }

    @Test func theServiceRefusesToStartWithoutATokenUnlessNoAuthOnLoopback() throws {
        #expect(throws: ServiceStartError.missingToken) { try ServiceAuthentication.resolve(token: nil, disabled: false, host: "127.0.0.1") }
        #expect(throws: ServiceStartError.missingToken) { try ServiceAuthentication.resolve(token: "", disabled: false, host: "127.0.0.1") }
        #expect(throws: ServiceStartError.noAuthOffLoopback(host: "0.0.0.0")) {
            try ServiceAuthentication.resolve(token: nil, disabled: true, host: "0.0.0.0")
        }
        #expect(throws: ServiceStartError.noAuthOffLoopback(host: "10.0.0.5")) {
            try ServiceAuthentication.resolve(token: "t", disabled: true, host: "10.0.0.5")
        }
        for host in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] {
            guard case .none = try ServiceAuthentication.resolve(token: nil, disabled: true, host: host) else {
                Issue.record("--no-auth refused on \(host)")
                continue
            }
        }
        guard case .bearer(let token) = try ServiceAuthentication.resolve(token: "t0k", disabled: false, host: "0.0.0.0") else {
            Issue.record("a token was not used")
            return
        }
        #expect(token == "t0k")
    }
}
