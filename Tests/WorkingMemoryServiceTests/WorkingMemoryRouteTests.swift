import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresStore
import TestDatabaseSupport
import Testing
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// `GET /v1/users/{id}/working-memory`, in-process, against the real test database.
@Suite struct WorkingMemoryRouteTests {
    @Test func answersTheSameJSONAsTheLibraryRenderingAndMarkdownOnRequest() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let now = "2026-11-26T09:30:00Z"
        let moment = try #require(RFC3339.date(from: now))
        let fetched = try PostgresWorkingMemorySource(connection: database.connection).fetchBlocking(user: user, now: moment)
        let expected = try TestService.catalog.renderer(template: nil, tokenizer: nil).render(fetched, now: moment)

        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory?now=\(now)"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(response.text == expected.json)
                    #expect(response.text.contains("Alex Rivera"))
                    #expect(response.headers[.requestID]?.isEmpty == false)
                }
                var markdownHeaders = TestService.authorized
                markdownHeaders[.accept] = "text/markdown"
                try await client.execute(uri: uri, method: .get, headers: markdownHeaders) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                    #expect(response.text == expected.markdown)
                }
            }
        }
    }

    @Test func honoursTemplateBudgetAndTokenizer() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory?template=yarnnn-v1&budget=500&tokenizer=cl100k_base"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                    let json = try response.json
                    #expect(json["template"] == "yarnnn-v1")
                    #expect(json["budget"] == .integer(500))
                    #expect(json["tokenizer"] == "cl100k_base")
                }
            }
        }
    }

    @Test(arguments: [
        ("/v1/users/not-a-uuid/working-memory", "invalid_user_id"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?budget=0", "invalid_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?budget=ten", "invalid_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?now=yesterday", "invalid_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?template=../../etc/passwd", "unknown_template"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?tokenizer=gpt2", "unknown_tokenizer"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?budgt=100", "unknown_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?model=gpt-2", "unknown_model"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?static_prefix_tokens=100", "invalid_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?model=gpt-4o&static_prefix_tokens=-1", "invalid_parameter"),
        ("/v1/users/\(UUID().lowercasedString)/working-memory?model=gpt-4o&static_prefix_tokens=10000001", "invalid_parameter"),
    ])
    func refusesABadRequestWith400(uri: String, code: String) async throws {
        // Refused before any database call: a pool pointed at a closed port proves it.
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            try await TestService.application(service).test(.router) { client in
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.errorCode == code)
                }
            }
        }
    }

    @Test func aModelAddsTheCacheSectionAndItsOwnCacheEntry() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        let now = "2026-11-26T09:30:00Z"
        let moment = try #require(RFC3339.date(from: now))
        let fetched = try PostgresWorkingMemorySource(connection: database.connection).fetchBlocking(user: user, now: moment)
        let plain = try TestService.catalog.renderer(template: nil, tokenizer: nil).render(fetched, now: moment)
        let (model, counter) = try TestService.catalog.cacheModel(named: "claude-opus-4-7")
        let expected = plain.checkingCache(for: model, staticPrefixTokens: 5000, counter: counter)
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let base = "/v1/users/\(user.lowercasedString)/working-memory"
                try await client.execute(uri: base + "?now=\(now)&model=claude-opus-4-7&static_prefix_tokens=5000", method: .get,
                                         headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                    #expect(response.text == expected.json)
                    let cache = try response.json["report"]?["cache"]
                    #expect(cache?["model"] == "claude-opus-4-7")
                    #expect(cache?["static_prefix_tokens"] == .integer(5000))
                    #expect(cache?["cacheable"] == "unknown")
                }
                // Through the render cache: with and without a model are two answers, each kept under its own key.
                var bodies: [String] = []
                for query in ["", "?model=gpt-4o", "", "?model=gpt-4o"] {
                    try await client.execute(uri: base + query, method: .get, headers: TestService.authorized) { response in
                        #expect(response.status == .ok)
                        bodies.append(response.text)
                    }
                }
                #expect(bodies[0] == bodies[2] && bodies[1] == bodies[3] && bodies[0] != bodies[1])
                #expect(!bodies[0].contains("\"cache\" : {"))
                #expect(bodies[1].contains("\"cacheable\" : \"no\""))
            }
        }
    }

    @Test func anUnknownUserIs404() async throws {
        let database = try TestDatabase.make()
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(UUID().lowercasedString)/working-memory"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .notFound)
                    #expect(response.errorCode == "no_such_user")
                }
            }
        }
    }

    @Test func aTableThatCannotBeReadStillRendersTheOthersAndIsCounted() async throws {
        let database = try TestDatabase.make()
        let user = try database.makeUser()
        // chat_sessions missing: that table fails, the others render.
        try database.connection.query("ALTER TABLE chat_sessions RENAME TO chat_sessions_gone")
        try await TestService.with(databaseURL: database.url) { service in
            try await TestService.application(service).test(.router) { client in
                let uri = "/v1/users/\(user.lowercasedString)/working-memory"
                try await client.execute(uri: uri, method: .get, headers: TestService.authorized) { response in
                    #expect(response.status == .ok)
                    let json = try response.json
                    guard case .array(let failed)? = json["failed_sources"] else {
                        Issue.record("no failed_sources array")
                        return
                    }
                    #expect(failed.map { $0["source"] } == ["chat_sessions"])
                    #expect(response.text.contains("Alex Rivera"))
                    #expect(!response.text.contains("SELECT"))
                }
            }
            #expect(service.metrics.exposition().contains(#"wm_failed_sources_total{source="chat_sessions"} 1"#))
        }
    }
}
