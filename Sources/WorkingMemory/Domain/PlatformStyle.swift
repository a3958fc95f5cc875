import SourceData
/// How the user wants the assistant to write on one platform: the `tone_<platform>` and
/// `verbosity_<platform>` keys of `user_context`.
public struct PlatformStyle: Sendable, Hashable {
    public var platform: String
    public var tone: String?
    public var verbosity: String?

    public init(platform: String, tone: String? = nil, verbosity: String? = nil) {
        self.platform = platform
        self.tone = tone
        self.verbosity = verbosity
    }

    /// One style per platform that has a non-empty tone or verbosity, ordered by platform name (code points).
    public static func styles(in rows: [UserContextRow]) -> [PlatformStyle] {
        var byPlatform: [String: PlatformStyle] = [:]
        for row in rows where !row.value.isEmpty {
            if let platform = Self.platform(of: row.key, prefix: "tone_") {
                byPlatform[platform, default: PlatformStyle(platform: platform)].tone = row.value
            } else if let platform = Self.platform(of: row.key, prefix: "verbosity_") {
                byPlatform[platform, default: PlatformStyle(platform: platform)].verbosity = row.value
            }
        }
        return byPlatform.values.sorted { TextOrder.precedes($0.platform, $1.platform) }
    }

    private static func platform(of key: String, prefix: String) -> String? {
        guard key.hasPrefix(prefix), key.utf8.count > prefix.utf8.count else { return nil }
        return String(key.dropFirst(prefix.count))
    }
}
