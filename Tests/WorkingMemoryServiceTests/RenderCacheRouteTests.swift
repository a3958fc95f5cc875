import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// The render cache and conditional requests on the working-memory route, against the real database.
@Suite struct RenderCacheRouteTests {
    static func path(_ user: UUID, _ query: String = "") -> String {
        "/v1/users/\(user.lowercasedString)/working-memory" + (query.isEmpty ? "" : "?" + query)
    }

    static func headers(markdown: Bool = false, ifNoneMatch: String? = nil) -> HTTPFields {
        var headers = TestService.authorized
        if markdown { headers[.accept] = "text/markdown" }
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return headers
    }

    /// One answer: status, ETag, body.
    struct Answer {
        let status: HTTPResponse.Status
        let tag: String?
        let cacheControl: String?
        let body: String
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields = headers()) async throws -> Answer {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            Answer(status: response.status, tag: response.headers[.eTag], cacheControl: response.headers[.cacheControl], body: response.text)
        }
    }

    /// The value of one sample line of `/metrics` (`name{labels}`), 0 when absent.
    static func metric(_ service: WorkingMemoryService, _ sample: String) -> Double {
        for line in service.metrics.exposition().split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1)) ?? .nan
        }
        return 0
    }

    @Test func aRepeatedRequestIsAHitAndAConditionalOneGets304() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let first = try await Self.get(client, Self.path(user))
                #expect(first.status == .ok)
                #expect(first.cacheControl == "private, no-cache")
                let tag = try #require(first.tag)
                #expect(tag.hasPrefix("\"json-"))
                let json = try JSONValue.parse(first.body)
                #expect(json["data_version"]?.stringValue?.contains(":") == true)
                let second = try await Self.get(client, Self.path(user))
                #expect(second.body == first.body && second.tag == tag)
                #expect(Self.metric(service, "wm_render_cache_hits_total") == 1)
                #expect(Self.metric(service, #"wm_render_cache_misses_total{reason="absent"}"#) == 1)

                let notModified = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: tag))
                #expect(notModified.status == .notModified)
                #expect(notModified.body.isEmpty)
                #expect(notModified.tag == tag)
                let weak = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: "\"other\", W/\(tag)"))
                #expect(weak.status == .notModified)
                let otherTag = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: "\"json-0\""))
                #expect(otherTag.status == .ok && otherTag.body == first.body)

                // Markdown: its own entry, its own tag, its own 304.
                let markdown = try await Self.get(client, Self.path(user), Self.headers(markdown: true))
                let markdownTag = try #require(markdown.tag)
                #expect(markdownTag.hasPrefix("\"markdown-") && markdownTag != tag)
                #expect(markdown.body.hasPrefix("#") || markdown.body.contains("Alex Rivera"))
                let markdown304 = try await Self.get(client, Self.path(user), Self.headers(markdown: true, ifNoneMatch: markdownTag))
                #expect(markdown304.status == .notModified)
                let crossed = try await Self.get(client, Self.path(user), Self.headers(markdown: true, ifNoneMatch: tag))
                #expect(crossed.status == .ok, "the JSON's tag does not validate the markdown")
            }
        }
    }

    @Test func aChangedVersionGivesANewAnswerAndTag() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let before = try await Self.get(client, Self.path(user))
                let markdownBefore = try await Self.get(client, Self.path(user), Self.headers(markdown: true))
                try database.connection.query("""
                    INSERT INTO user_context (user_id, key, value) VALUES (\(user), 'fact:cat', 'Has a cat called Miso')
                    """)
                let after = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: before.tag))
                #expect(after.status == .ok)
                #expect(after.tag != before.tag)
                #expect(after.body.contains("Miso"))
                #expect(try JSONValue.parse(after.body)["data_version"] != JSONValue.parse(before.body)["data_version"])
                #expect(Self.metric(service, #"wm_render_cache_misses_total{reason="changed"}"#) == 1)
                let markdownAfter = try await Self.get(client, Self.path(user), Self.headers(markdown: true, ifNoneMatch: markdownBefore.tag))
                #expect(markdownAfter.status == .ok && markdownAfter.tag != markdownBefore.tag)
                // A change that the block does not show keeps the markdown's bytes, so its tag stays.
                try database.connection.query("UPDATE auth.users SET email = 'alex@example.com' WHERE id = \(user)")
                let sameMarkdown = try await Self.get(client, Self.path(user), Self.headers(markdown: true, ifNoneMatch: markdownAfter.tag))
                #expect(sameMarkdown.status == .notModified)
                let newJSON = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: after.tag))
                #expect(newJSON.status == .ok, "the JSON carries data_version, so its tag changes with it")
            }
        }
    }

    @Test func anExplicitNowBypassesTheCacheButStillHasATag() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = Self.path(user, "now=2026-11-26T09:30:00Z")
                let first = try await Self.get(client, uri)
                let again = try await Self.get(client, uri, Self.headers(ifNoneMatch: first.tag))
                #expect(again.status == .notModified)
                #expect(Self.metric(service, #"wm_render_cache_bypassed_total{reason="explicit_now"}"#) == 2)
                #expect(Self.metric(service, "wm_render_cache_hits_total") == 0)
                #expect(service.cache.count == 0)
            }
        }
    }

    @Test func aZeroBoundRendersEveryRequest() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url, cacheBytes: 0) { service in
            try await TestService.application(service).test(.router) { client in
                let first = try await Self.get(client, Self.path(user))
                let second = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: first.tag))
                #expect(second.status == .notModified)
                #expect(Self.metric(service, #"wm_render_cache_bypassed_total{reason="disabled"}"#) == 2)
                #expect(service.cache.count == 0)
            }
        }
    }

    @Test func aDeletedUserIsNotFoundAndLeavesTheCache() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                #expect(try await Self.get(client, Self.path(user)).status == .ok)
                try database.connection.query("DELETE FROM auth.users WHERE id = \(user)")
                #expect(try await Self.get(client, Self.path(user)).status == .notFound)
                #expect(service.cache.count == 0)
            }
        }
    }

    /// A platform synced 59 minutes before the clock reads `fresh`, cached; at the hour it reads `1 hour ago`.
    @Test func aCachedFreshnessLabelChangesAtItsBoundary() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let synced = start.addingTimeInterval(-59 * 60)
        try database.connection.query("""
            INSERT INTO platform_connections (user_id, platform, status, last_synced_at) VALUES (\(user), 'slack', 'active', \(synced))
            """)
        let clock = ManualClock(start)
        try await TestService.with(databaseURL: database.url, clock: clock.serviceClock) { service in
            try await TestService.application(service).test(.router) { client in
                let markdown = Self.headers(markdown: true)
                let fresh = try await Self.get(client, Self.path(user), markdown)
                #expect(fresh.body.contains("slack: fresh"))
                let json = try JSONValue.parse(try await Self.get(client, Self.path(user)).body)
                #expect(json["valid_until"]?.stringValue == RFC3339.string(from: synced.addingTimeInterval(3_600)))
                clock.now = synced.addingTimeInterval(3_600 - 0.001)
                let stillFresh = try await Self.get(client, Self.path(user), markdown)
                #expect(stillFresh.body == fresh.body)
                #expect(Self.metric(service, "wm_render_cache_hits_total") == 1)
                clock.now = synced.addingTimeInterval(3_600)
                let anHourAgo = try await Self.get(client, Self.path(user), markdown)
                #expect(anHourAgo.body.contains("slack: 1 hour ago"))
                #expect(anHourAgo.tag != fresh.tag)
                #expect(Self.metric(service, #"wm_render_cache_misses_total{reason="expired"}"#) == 1)
            }
        }
    }

    /// A shown event that leaves its 7-day window disappears at that instant, though no data changed.
    @Test func aCachedEventLeavesAtTheEndOfItsWindow() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser(withData: false)
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        try database.connection.query("""
            INSERT INTO activity_log (user_id, event_type, summary, created_at)
            VALUES (\(user), 'deliverable_run', 'Ran the weekly report', \(created))
            """)
        let clock = ManualClock(created.addingTimeInterval(6 * 86_400))
        try await TestService.with(databaseURL: database.url, clock: clock.serviceClock) { service in
            try await TestService.application(service).test(.router) { client in
                let markdown = Self.headers(markdown: true)
                let shown = try await Self.get(client, Self.path(user), markdown)
                #expect(shown.body.contains("Ran the weekly report"))
                clock.now = created.addingTimeInterval(7 * 86_400 - 0.001)
                let stillShown = try await Self.get(client, Self.path(user), markdown)
                #expect(stillShown.body == shown.body)
                #expect(Self.metric(service, "wm_render_cache_hits_total") == 1)
                clock.now = created.addingTimeInterval(7 * 86_400 + 0.001)
                let gone = try await Self.get(client, Self.path(user), markdown)
                #expect(gone.status == .ok && !gone.body.contains("Ran the weekly report"))
                #expect(Self.metric(service, #"wm_render_cache_misses_total{reason="expired"}"#) == 1)
            }
        }
    }

    /// Behind PgBouncer in transaction mode the version is read the same way: hits, and a change is seen.
    @Test func throughTheTransactionPoolerAChangeIsSeen() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: try database.pgbouncerURL, pooler: .transaction) { service in
            try await TestService.application(service).test(.router) { client in
                let first = try await Self.get(client, Self.path(user))
                #expect(try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: first.tag)).status == .notModified)
                #expect(Self.metric(service, "wm_render_cache_hits_total") == 1)
                try database.connection.query("INSERT INTO user_context (user_id, key, value) VALUES (\(user), 'fact:x', 'Plays chess')")
                let changed = try await Self.get(client, Self.path(user), Self.headers(ifNoneMatch: first.tag))
                #expect(changed.status == .ok && changed.body.contains("Plays chess"))
            }
        }
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
