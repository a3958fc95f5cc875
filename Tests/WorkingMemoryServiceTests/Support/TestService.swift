import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresStore
import Synchronization
import TestDatabaseSupport
import WireFormats
import WorkingMemory
@testable import WorkingMemoryService

/// Builds a service over a database URL for one test and closes its pool afterwards.
enum TestService {
    static let token = "test-token-0123456789abcdef"
    static let authorized: HTTPFields = [.authorization: "Bearer \(token)"]

    /// The catalog of the repository's templates, compiled once for all tests.
    static let catalog: RendererCatalog = {
        // The repository's templates compile; a failure here is a failure of every test that uses it.
        try! RendererCatalog(
            templatesFolder: TestDatabase.repositoryRoot.appendingPathComponent("templates"),
            defaultTemplate: "working-memory"
        )
    }()

    /// Runs `body` with a service (bearer token `token`) whose primary pool connects to `url` (and whose
    /// reads go to `readReplicaURL` when given), then closes the pools.
    static func with<T>(
        databaseURL url: String,
        readReplicaURL: String? = nil,
        pooler: PoolerMode = .none,
        pool settings: PoolSettings = PoolSettings(size: 2),
        connectTimeoutSeconds: Int = 2,
        statementTimeout: Duration = .seconds(4),
        replicaRetryInterval: Duration = .seconds(5),
        cacheBytes: Int = ServiceConfiguration.defaultCacheBytes,
        clock: ServiceClock = .system,
        _ body: (WorkingMemoryService) async throws -> T
    ) async throws -> T {
        let configuration = ServiceConfiguration(
            database: try PostgresConfiguration(connectionString: url, pooler: pooler),
            readReplica: try readReplicaURL.map { try PostgresConfiguration(connectionString: $0, pooler: pooler) },
            pool: settings,
            connectTimeoutSeconds: connectTimeoutSeconds,
            statementTimeout: statementTimeout,
            replicaRetryInterval: replicaRetryInterval,
            cacheBytes: cacheBytes
        )
        var logger = Logger(label: "wm.serve.test")
        logger.logLevel = .error
        let service = WorkingMemoryService(
            configuration: configuration, catalog: catalog, authentication: .bearer(token: token), clock: clock,
            logger: logger
        )
        do {
            let result = try await body(service)
            await service.close()
            return result
        } catch {
            await service.close()
            throw error
        }
    }

    /// The application on a free loopback port, for `.live` tests (and usable with `.router`).
    static func application(_ service: WorkingMemoryService) -> some ApplicationProtocol {
        var logger = Logger(label: "wm.serve.test")
        logger.logLevel = .warning
        return service.makeApplication(host: "127.0.0.1", port: 0, logger: logger)
    }
}

/// A clock a test sets by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    var now: Date {
        get { instant.withLock { $0 } }
        set { instant.withLock { $0 = newValue } }
    }
    var serviceClock: ServiceClock { ServiceClock { self.now } }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as JSON.
    var json: JSONValue {
        get throws { try JSONValue.parse(text) }
    }

    /// The `error.code` of a JSON error body, or nil.
    var errorCode: String? {
        guard let value = try? json, case .string(let code)? = value["error"]?["code"] else { return nil }
        return code
    }
}

extension ByteBuffer {
    init(json text: String) {
        self.init(string: text)
    }
}
