import PostgresStore

/// What the service connects to, and how long it lets each step take: all an embedding program sets.
///
/// The service applies `connectTimeoutSeconds` and `statementTimeout` to both database configurations,
/// so a program that embeds `WorkingMemoryService` gets the same bounds as `wm serve`. Each pool call has
/// its own timeout (`PoolSettings.readTimeout`, `.writeTimeout`); when it passes, the caller is answered
/// 503 and the statement is cancelled on the server. `statementTimeout` is the server's backstop behind
/// them. The pooler mode is each database configuration's own (`PostgresConfiguration.pooler`).
public struct ServiceConfiguration: Sendable {
    /// The primary: every write, and the reads when there is no replica or it cannot answer.
    public var database: PostgresConfiguration
    /// A read replica for session-start and recent-activity reads; nil sends every read to the primary.
    public var readReplica: PostgresConfiguration?
    /// Each server's pool: size, waiting, and the read and write timeouts.
    public var pool: PoolSettings
    /// Seconds libpq may take to connect, so that a dead server is answered 503 quickly.
    public var connectTimeoutSeconds: Int
    /// The server's `statement_timeout`, a backstop behind the pool calls' own timeouts.
    public var statementTimeout: Duration
    /// How long reads stay on the primary after the replica failed, before it is tried again.
    public var replicaRetryInterval: Duration
    /// How often the replica's lag is measured for `/metrics`.
    public var replicaLagInterval: Duration
    /// The render cache's bound in bytes (`RenderCache`); 0 turns the cache off.
    public var cacheBytes: Int

    /// The default bound of the render cache: 64 MiB.
    public static let defaultCacheBytes = 64 << 20

    public init(
        database: PostgresConfiguration,
        readReplica: PostgresConfiguration? = nil,
        pool: PoolSettings = PoolSettings(),
        connectTimeoutSeconds: Int = 2,
        statementTimeout: Duration = .seconds(4),
        replicaRetryInterval: Duration = .seconds(5),
        replicaLagInterval: Duration = .seconds(5),
        cacheBytes: Int = ServiceConfiguration.defaultCacheBytes
    ) {
        self.database = database
        self.readReplica = readReplica
        self.pool = pool
        self.connectTimeoutSeconds = max(1, connectTimeoutSeconds)
        self.statementTimeout = statementTimeout
        self.replicaRetryInterval = replicaRetryInterval
        self.replicaLagInterval = replicaLagInterval
        self.cacheBytes = max(0, cacheBytes)
    }

    /// `configuration` with the service's connect and statement timeouts.
    func bounded(_ configuration: PostgresConfiguration) -> PostgresConfiguration {
        var bounded = configuration
        bounded.connectTimeoutSeconds = connectTimeoutSeconds
        bounded.statementTimeoutMilliseconds = max(1, Int(statementTimeout.nanoseconds / 1_000_000))
        return bounded
    }
}
