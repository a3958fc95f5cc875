/// The service's fixed limits on what a request may send.
public enum ServiceLimits {
    /// Request bodies over this many bytes are answered 413 (1 MiB).
    public static let maximumBodyBytes = 1 << 20
    /// A batch of activity events holds at most this many events.
    public static let maximumBatchEvents = 1_000
    /// `limit` of the recent-activity route is at most this.
    public static let maximumRecentLimit = 1_000
    /// `days` of the recent-activity route is at most this.
    public static let maximumRecentDays = 366
    /// `budget` of the working-memory route is at most this many tokens.
    public static let maximumBudget = 1_000_000
    /// `static_prefix_tokens` of the working-memory route is at most this many tokens (as `wm render`'s).
    public static let maximumStaticPrefixTokens = 10_000_000
    /// `now` of the working-memory route names a moment in these years (as written, before its offset).
    public static let momentYears = 2...9998
}
