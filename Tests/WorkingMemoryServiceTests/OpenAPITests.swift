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
            // An object exploded into the query (style form) is its properties' names.
            let query = parameters.filter { $0["in"] as? String == "query" }.flatMap { parameter -> [String] in
                if parameter["explode"] as? Bool == true, let schema = parameter["schema"] as? Object,
                   let properties = schema["properties"] as? Object {
                    return Array(properties.keys)
                }
                return (parameter["name"] as? String).map { [$0] } ?? []
            }
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

/// The parts of `openapi.yaml` that say what the service checks: the router's table of methods, path
/// parameters, template names, and the patterns for `summary` and `now`, each compared with the code.
@Suite struct OpenAPIExactnessTests {
    typealias Object = OpenAPITests.Object

    @Test func theTableOfAllowedMethodsIsTheRoutersRoutes() async throws {
        try await TestService.with(databaseURL: "postgresql://postgres@127.0.0.1:1/none") { service in
            let routed = Set(service.makeRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" })
            let table = Set(WorkingMemoryService.allowedMethods.routes.flatMap { route in
                route.methods.map { "\($0.rawValue) \(WorkingMemoryService.routerPath(route.path).description)" }
            })
            #expect(table == routed)
        }
    }

    @Test func eachOperationsPathParametersAreThePlaceholdersOfItsPath() throws {
        let document = try OpenAPITests.document()
        let components = try #require(document["components"] as? Object)
        let shared = try #require(components["parameters"] as? [String: Object])
        for (key, operation) in try OpenAPITests.operations(document) {
            let path = String(key.split(separator: " ")[1])
            let placeholders = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            let parameters = ((operation["parameters"] as? [Object]) ?? []).map { parameter -> Object in
                guard let reference = parameter["$ref"] as? String else { return parameter }
                return shared[String(reference.split(separator: "/").last ?? "")] ?? [:]
            }
            let inPath = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
            #expect(inPath == placeholders, "\(key)")
        }
    }

    @Test func theTemplateEnumIsTheTemplatesTheServiceKnows() throws {
        let names = try #require(try OpenAPITests.schema(try OpenAPITests.document(), "TemplateName")["enum"] as? [String])
        #expect(names == TestService.catalog.templateNames)
    }

    @Test func theModelEnumIsTheModelsTable() throws {
        let names = try #require(try OpenAPITests.schema(try OpenAPITests.document(), "ModelName")["enum"] as? [String])
        #expect(names == TestService.catalog.models?.names)
        #expect(names.count >= 10)
    }

    @Test func everyV1OperationDocumentsItsRefusals() throws {
        let expected: [String: Set<String>] = [
            "GET \(WorkingMemoryRoute.path)": ["200", "304", "400", "401", "404", "422", "502", "503"],
            "POST \(ActivityRoutes.writePath)": ["201", "400", "401", "413", "422", "503"],
            "GET \(ActivityRoutes.recentPath)": ["200", "400", "401", "503"],
            "GET \(HealthRoutes.healthPath)": ["200"],
            "GET \(HealthRoutes.readyPath)": ["200", "503"],
            "GET \(HealthRoutes.metricsPath)": ["200"],
        ]
        for (key, operation) in try OpenAPITests.operations(try OpenAPITests.document()) {
            let responses = try #require(operation["responses"] as? Object)
            #expect(Set(responses.keys) == expected[key], "\(key)")
        }
        let components = try #require(try OpenAPITests.document()["components"] as? Object)
        let responses = try #require(components["responses"] as? [String: Object])
        let allow = try #require(responses["MethodNotAllowed"]?["headers"] as? Object)
        #expect(allow["Allow"] != nil)
    }

    /// The schema's summary pattern accepts exactly the one-character summaries the validator accepts.
    @Test func theSummaryPatternIsTheValidatorsRule() throws {
        let newEvent = try OpenAPITests.schema(try OpenAPITests.document(), "NewEvent")
        let properties = try #require(newEvent["properties"] as? [String: Object])
        let summary = try #require(properties["summary"])
        #expect(summary["maxLength"] as? Int == NewActivityEvent.maximumSummaryLength)
        let pattern = try NSRegularExpression(pattern: try #require(summary["pattern"] as? String))
        func matches(_ text: String) -> Bool {
            pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        func accepted(_ text: String) -> Bool {
            (try? NewActivityEvent(user: UUID(), type: .chatSession, summary: text)) != nil
        }
        var disagreements: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if matches(text) != accepted(text) { disagreements.append(String(value, radix: 16)) }
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(20).joined(separator: ", U+"))")
        for text in ["  x  ", "\t\n", "x\u{0}", "\u{A0}\u{7}\u{3000}", "a\u{2028}b", String(repeating: "y", count: 500)] {
            #expect(matches(text) == accepted(text), "\(text.debugDescription)")
        }
    }

    /// The schema's pattern for `now` admits exactly the years the service renders.
    @Test func theNowPatternIsTheServicesYears() throws {
        let operations = try OpenAPITests.operations(try OpenAPITests.document())
        let parameters = try #require(operations["GET \(WorkingMemoryRoute.path)"]?["parameters"] as? [Object])
        let now = try #require(parameters.first { $0["name"] as? String == "now" }?["schema"] as? Object)
        let pattern = try NSRegularExpression(pattern: try #require(now["pattern"] as? String))
        for year in 0...9999 {
            let text = String(repeating: "0", count: 4 - String(year).count) + String(year) + "-06-01T00:00:00Z"
            let matches = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(matches == ServiceLimits.momentYears.contains(year), "\(text)")
        }
    }

    @Test func metadataTextRefusesNUL() throws {
        let text = try OpenAPITests.schema(try OpenAPITests.document(), "TextWithoutNUL")
        let pattern = try NSRegularExpression(pattern: try #require(text["pattern"] as? String))
        for (sample, allowed) in [("abc", true), ("", true), ("a\u{0}b", false), ("\u{0}", false)] {
            let matches = pattern.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
            #expect(matches == allowed, "\(sample.debugDescription)")
        }
    }
}
