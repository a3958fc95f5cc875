import Foundation
import Hummingbird
import HummingbirdTesting
import TestDatabaseSupport
import Testing
import WireFormats
@testable import WorkingMemoryService

/// Fail closed over HTTP: when the database answers a user's read with another user's row, the service
/// answers 502 `source_integrity`, renders nothing, keeps nothing in its cache, and counts it.
@Suite struct FailClosedRouteTests {
    /// A new database with two users and one fact each: `owner-fact` of `owner`, `other-user-secret` (row
    /// `otherRow`) of `other`. No operator is planted yet.
    static func twoUsers() throws -> (database: TestDatabase, owner: UUID, other: UUID, otherRow: UUID) {
        let database = try TestDatabase.make()
        let owner = try database.insertUser()
        try database.insertSourceRow(in: "user_context", of: owner, label: "owner-fact")
        let other = try database.insertUser()
        let otherRow = try database.insertSourceRow(in: "user_context", of: other, label: "other-user-secret")
        return (database, owner, other, otherRow)
    }

    @Test func aRowOfAnotherUserIs502AndNothingIsCached() async throws {
        let (database, owner, other, otherRow) = try Self.twoUsers()
        try database.plantMisbehavingEquality()
        // The service's pool connects after the operator is planted, so its reads go through it.
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let path = RenderCacheRouteTests.path(owner)
                for headers in [RenderCacheRouteTests.headers(), RenderCacheRouteTests.headers(), RenderCacheRouteTests.headers(markdown: true)] {
                    try await client.execute(uri: path, method: .get, headers: headers) { response in
                        #expect(response.status == .badGateway)
                        #expect(response.errorCode == "source_integrity")
                        #expect(response.headers[.eTag] == nil)
                        let message = try response.json["error"]?["message"]?.stringValue ?? ""
                        #expect(message.hasPrefix("the database returned a row of another user (table user_context); nothing was rendered"))
                        #expect(!response.text.contains("other-user-secret") && !response.text.contains("owner-fact"))
                        #expect(!response.text.contains(other.lowercasedString) && !response.text.contains(otherRow.lowercasedString))
                    }
                }
                // Nothing was kept: every request found no entry, none was a hit, the cache holds nothing.
                #expect(RenderCacheRouteTests.metric(service, "wm_render_cache_hits_total") == 0)
                #expect(RenderCacheRouteTests.metric(service, #"wm_render_cache_misses_total{reason="absent"}"#) == 3)
                #expect(RenderCacheRouteTests.metric(service, "wm_render_cache_entries") == 0)
                #expect(RenderCacheRouteTests.metric(service, #"wm_source_integrity_failures_total{source="user_context"}"#) == 3)
                #expect(RenderCacheRouteTests.metric(service, #"wm_http_requests_total{method="GET",route="/v1/users/{id}/working-memory",status="502"}"#) == 3)
            }
        }
    }

    /// An answer cached before the operator was planted holds only the user's rows; the version read that
    /// validates it is not fooled (it answers the same bytes, not a 500), and the next change of the user's
    /// data sends the request to the tables, which refuse it.
    @Test func aCachedAnswerStaysTheUsersAndTheNextChangeIs502() async throws {
        let (database, owner, _, _) = try Self.twoUsers()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let path = RenderCacheRouteTests.path(owner)
                let markdown = RenderCacheRouteTests.headers(markdown: true)
                let cached = try await RenderCacheRouteTests.get(client, path, markdown)
                #expect(cached.status == .ok && cached.body.contains("owner-fact") && !cached.body.contains("other-user-secret"))

                try database.plantMisbehavingEquality()
                // The pool's connections are reset on their next call and come back with the operator.
                try database.connection.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """)
                let hit = try await RenderCacheRouteTests.get(client, path, markdown)
                #expect(hit.status == .ok)
                #expect(hit.body == cached.body && hit.tag == cached.tag)
                #expect(RenderCacheRouteTests.metric(service, "wm_render_cache_hits_total") == 1)

                try database.insertSourceRow(in: "user_context", of: owner, label: "owner-fact-2")
                let refused = try await RenderCacheRouteTests.get(client, path, markdown)
                #expect(refused.status == .badGateway)
                #expect(!refused.body.contains("other-user-secret") && !refused.body.contains("owner-fact"))
                #expect(RenderCacheRouteTests.metric(service, #"wm_render_cache_misses_total{reason="changed"}"#) == 1)
                #expect(RenderCacheRouteTests.metric(service, #"wm_source_integrity_failures_total{source="user_context"}"#) == 1)
                #expect(RenderCacheRouteTests.metric(service, "wm_render_cache_entries") == 0)
                #expect(RenderCacheRouteTests.metric(service, #"wm_http_requests_total{method="GET",route="/v1/users/{id}/working-memory",status="500"}"#) == 0)
            }
        }
    }

    @Test func theSameUsersRenderWithoutTheMisbehavingOperator() async throws {
        let (database, owner, _, _) = try Self.twoUsers()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let answer = try await RenderCacheRouteTests.get(client, RenderCacheRouteTests.path(owner), RenderCacheRouteTests.headers(markdown: true))
                #expect(answer.status == .ok)
                #expect(answer.body.contains("owner-fact") && !answer.body.contains("other-user-secret"))
                #expect(RenderCacheRouteTests.metric(service, #"wm_source_integrity_failures_total{source="user_context"}"#) == 0)
            }
        }
    }
}
