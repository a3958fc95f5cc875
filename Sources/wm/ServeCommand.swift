import ArgumentParser
import Foundation
import Logging
import PostgresStore
import ServiceLifecycle
import WMCommands
import WorkingMemoryService

/// `wm serve`: the HTTP service that renders working memory and appends activity for other processes.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve working memory and the activity log over HTTP (JSON).",
        discussion: """
            Routes (described exactly in openapi.yaml):
              GET  /v1/users/{id}/working-memory?template=&budget=&tokenizer=&now=
                   the render result as JSON (the format of wm render --format json), or the markdown alone
                   with Accept: text/markdown
              POST /v1/activity          one event object or an array of up to 1,000; all or nothing
              GET  /v1/users/{id}/activity?limit=&days=   recent events, newest first
              GET  /healthz   GET /readyz (database reachable)   GET /metrics (Prometheus)

            Every /v1 route requires Authorization: Bearer <token> matching the WM_SERVICE_TOKEN environment \
            variable; without it the service refuses to start, unless --no-auth is given with a loopback --host.

            Limits: bodies over 1 MiB get 413; a request that finds every connection busy for --pool-wait-ms \
            gets 503 with Retry-After (at most 32 × --pool-size requests wait); reads time out after 1.5 s and \
            writes after 5 s (503), and the timed-out statement is cancelled on the server. The service starts \
            while the database is down and reconnects by itself.

            Behind a transaction-mode pooler (Supabase's port 6543, PgBouncer pool_mode = transaction) give \
            --pooler transaction. With --read-database-url, working-memory and recent-activity reads go to that \
            replica, each in one snapshot; writes go to the primary. When the replica cannot be reached or is \
            too slow, the primary answers and the fallback is counted (wm_replica_fallbacks_total); its lag is \
            in /metrics (wm_replica_lag_seconds). A lagging replica may not show an event written a moment ago.
            Answers are cached (--cache-bytes, default 64 MiB; 0 turns the cache off). A request without now= \
            that finds its answer cached reads only the user's data version, kept exact by the triggers of \
            migration 005, and gets the cached bytes when it is unchanged and the answer's valid_until has not \
            passed. Every answer has a strong ETag and Cache-Control: private, no-cache; If-None-Match with \
            the current tag gets 304 with no body. Cache metrics: wm_render_cache_* in /metrics.
            SIGTERM or SIGINT stop accepting connections, let running requests finish, then close the pools.
            One log line per request goes to standard error, with its request id (also sent as X-Request-Id).
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var replica: ReadReplicaOptions

    @Option(help: "Database connections (and threads for their calls) per server: the primary, and the read replica when given.")
    var poolSize = 4

    @Option(help: "Milliseconds a request may wait for a free connection before it is answered 503 (0: at once).")
    var poolWaitMs = 250

    @Option(help: ArgumentHelp(
        "Bytes of rendered answers to keep (least recently used go first); 0 turns the cache off. Each user and format asked for takes one entry (a JSON answer of the load test's seeded users is about 7.5 KB).",
        valueName: "bytes"))
    var cacheBytes = ServiceConfiguration.defaultCacheBytes

    @Flag(help: "Serve /v1 without a bearer token (only with a loopback --host, for local use).")
    var noAuth = false

    @Option(help: ArgumentHelp("Log level.", valueName: "level"))
    var logLevel: LogLevelArgument = .info

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...256).contains(poolSize) else { throw ValidationError("--pool-size must be from 1 to 256") }
        guard (0...60_000).contains(poolWaitMs) else { throw ValidationError("--pool-wait-ms must be from 0 to 60000") }
        guard cacheBytes >= 0 else { throw ValidationError("--cache-bytes must be 0 (no cache) or more") }
    }

    func run() async throws {
        try await reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let authentication: ServiceAuthentication
            do {
                authentication = try ServiceAuthentication.resolve(
                    token: environment[ServiceAuthentication.tokenVariable], disabled: noAuth, host: host
                )
            } catch {
                throw UsageError("\(error)")
            }
            guard let templates = ProjectFiles.folder("templates", environmentKey: "WM_TEMPLATES_DIR") else {
                throw InputError("no templates folder found: run from the repository root or set WM_TEMPLATES_DIR")
            }
            let catalog: RendererCatalog
            do {
                catalog = try RendererCatalog(templatesFolder: templates, defaultTemplate: TemplateChoice.defaultName)
            } catch {
                throw InputError("\(error)")
            }
            let primary = try database.configuration()
            let configuration = ServiceConfiguration(
                database: primary,
                readReplica: try replica.configuration(pooler: primary.pooler),
                pool: PoolSettings(size: poolSize, maximumWait: .milliseconds(poolWaitMs)),
                cacheBytes: cacheBytes
            )

            let level = logLevel.level
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "wm.serve")
            let service = WorkingMemoryService(configuration: configuration, catalog: catalog, authentication: authentication, logger: logger)
            let application = service.makeApplication(host: host, port: port, logger: logger)
            let replicaText = configuration.readReplica.map { "; read replica: \($0.description)" } ?? ""
            logger.info("""
                database: \(primary.description) (pooler: \(primary.pooler.rawValue))\(replicaText); \
                pool: \(poolSize) connections per server; \
                cache: \(cacheBytes == 0 ? "off" : "\(cacheBytes) bytes"); auth: \(noAuth ? "off" : "bearer token")
                """)
            // Shut down in reverse order: the server drains first, then the pools close.
            let group = ServiceGroup(
                services: service.services + [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
            try await group.run()
        }
    }
}
