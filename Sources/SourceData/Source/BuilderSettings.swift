/// The builder's selection limits: lookbacks and maximum counts, before any token budget applies.
///
/// Defaults are the earlier version's values. Every item a limit leaves out is counted in its section's
/// `PromptSection.excludedByLimit`, so the budget report and the omission notes can say so.
public struct BuilderSettings: Sendable, Hashable {
    /// Most active deliverables listed (the rest are counted).
    public var maxDeliverables = 5
    /// Most platforms listed.
    public var maxPlatforms = 5
    /// How far back a conversation may start, in seconds.
    public var conversationLookback: Double = 7 * 86_400
    /// Most conversations listed.
    public var maxConversations = 3
    /// Conversation summaries are cut to this many characters.
    public var conversationSummaryLength = 300
    /// How far back an activity event may be, in seconds.
    public var activityLookback: Double = 7 * 86_400
    /// Most activity events listed.
    public var maxActivity = 10

    /// The earlier version's limits.
    public static let reference = BuilderSettings()

    public init() {}
}
