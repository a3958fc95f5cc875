import Foundation
import Hummingbird
import SourceData
import TestDatabaseSupport
import Testing
import Tokenization
import WireFormats
import WorkingMemory
import Yams
@testable import WorkingMemoryService

/// `openapi.yaml` describes the service exactly: the same routes, query parameters, event fields, event
/// types, tokenizers and render-result keys as the code.
@Suite struct OpenAPITests {
    typealias Object = [String: Any]

    static func document() throws -> Object {
        let url = TestDatabase.repositoryRoot.appendingPathComponent("openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? Object)
    }

    static func operations(_ document: Object) throws -> [String: Object] {
        let paths = try #require(document["paths"] as? [String: Object])
        var operations: [String: Object] = [:]
        for (path, item) in paths {
            for (method, operation) in item {
                operations["\(method.uppercased()) \(path)"] = try #require(operation as? Object)
            }
        }
        return operations
    }

    static func schema(_ document: Object, _ name: String) throws -> Object {
        let components = try #require(document["components"] as? Object)
        let schemas = try #require(components["schemas"] as? [String: Object])
        return try #require(schemas[name])
    }

    @Test func theRoutesAreExactlyTheRoutersRoutes() async throws {
        let documented = Set(try Self.operations(try Self.document()).keys)
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            let routed = Set(service.makeRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(routed == documented)
            #expect(routed.count == 6)
        }
    }

    @Test func theQueryParametersAreExactlyTheOnesEachRouteAccepts() throws {
        let operations = try Self.operations(try Self.document())
        let accepted: [String: [String]] = [
            "GET \(WorkingMemoryRoute.path)": WorkingMemoryRoute.queryParameters,
            "GET \(ActivityRoutes.recentPath)": ActivityRoutes.recentQueryParameters,
            "POST \(ActivityRoutes.writePath)": [],
            "GET \(HealthRoutes.healthPath)": [],
            "GET \(HealthRoutes.readyPath)": [],
            "GET \(HealthRoutes.metricsPath)": [],
        ]
        #expect(Set(accepted.keys) == Set(operations.keys))
        for (key, operation) in operations {
            let parameters = (operation["parameters"] as? [Object]) ?? []
            let query = parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
            #expect(Set(query) == Set(accepted[key] ?? ["?"]), "\(key)")
        }
    }

    @Test func onlyTheV1RoutesNeedTheTokenAndEachDocuments401() throws {
        let document = try Self.document()
        #expect(document["security"] as? [Object] != nil)
        for (key, operation) in try Self.operations(document) {
            let responses = try #require(operation["responses"] as? Object)
            let open = (operation["security"] as? [Any])?.isEmpty == true
            if key.contains(" /v1/") {
                #expect(!open, "\(key) must require the token")
                #expect(responses["401"] != nil, "\(key) must document 401")
                #expect(responses["503"] != nil, "\(key) must document 503")
            } else {
                #expect(open, "\(key) must not require the token")
            }
        }
    }

    @Test func theEventSchemasMatchTheDomain() throws {
        let document = try Self.document()
        let newEvent = try Self.schema(document, "NewEvent")
        let properties = try #require(newEvent["properties"] as? Object)
        #expect(Set(properties.keys) == NewActivityEvent.jsonFields)
        #expect(newEvent["additionalProperties"] as? Bool == false)
        let types = try #require(try Self.schema(document, "EventType")["enum"] as? [String])
        #expect(types == ActivityEventType.allCases.map(\.rawValue))
        let tokenizers = try #require(try Self.schema(document, "Tokenizer")["enum"] as? [String])
        #expect(tokenizers == TokenizerKind.allCases.map(\.rawValue))
        let recorded = try #require(try Self.schema(document, "Event")["required"] as? [String])
        let sample = RecordedActivityEvent(
            id: UUID(), userID: UUID(), type: .chatSession, ref: nil, summary: "s", metadata: nil, createdAt: Date()
        )
        guard case .object(let members) = sample.json else {
            Issue.record("an event's JSON is not an object")
            return
        }
        #expect(Set(recorded) == Set(members.keys))
    }

    @Test func theRenderResultKeysAreTheRenderingsKeys() async throws {
        let snapshot = TestDatabase.repositoryRoot.appendingPathComponent("examples/alex.json")
        let source = try SnapshotFileSource(contentsOf: snapshot)
        let now = source.snapshot.now ?? Date(timeIntervalSince1970: 1_800_000_000)
        let fetched = try await source.fetch(user: source.snapshot.userID, now: now)
        let rendering = try TestService.catalog.renderer(template: nil, tokenizer: nil).render(fetched, now: now)
        guard case .object(let members) = try JSONValue.parse(rendering.json) else {
            Issue.record("the rendering's JSON is not an object")
            return
        }
        let required = try #require(try Self.schema(try Self.document(), "RenderResult")["required"] as? [String])
        #expect(Set(required) == Set(members.keys))
    }
}
