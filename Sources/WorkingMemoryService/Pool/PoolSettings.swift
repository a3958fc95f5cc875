/// How large the connection pool is and how long callers may wait.
public struct PoolSettings: Sendable {
    /// Connections (and threads running their blocking libpq calls); at least 1.
    public var size: Int
    /// How long a request waits for a free connection before it is answered 503 (zero: it never waits).
    public var maximumWait: Duration
    /// How many requests may wait at once; more are answered 503 at once (the queue is never unbounded).
    public var maximumWaiting: Int
    /// How long a read (working memory, recent activity, readiness) may take, including connecting.
    public var readTimeout: Duration
    /// How long a write (an event or a batch) may take, including connecting.
    public var writeTimeout: Duration
    /// How often waits and timeouts are checked: each ends at most this much after its time.
    public var deadlineCheckInterval: Duration

    public init(
        size: Int = 4,
        maximumWait: Duration = .milliseconds(250),
        maximumWaiting: Int? = nil,
        readTimeout: Duration = .milliseconds(1_500),
        writeTimeout: Duration = .seconds(5),
        deadlineCheckInterval: Duration = .milliseconds(10)
    ) {
        self.size = max(1, size)
        self.maximumWait = maximumWait
        self.maximumWaiting = maximumWaiting ?? 32 * max(1, size)
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.deadlineCheckInterval = max(.milliseconds(1), deadlineCheckInterval)
    }
}
