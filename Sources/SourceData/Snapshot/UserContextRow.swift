import Foundation

/// A row of `user_context`: one key/value the user stated or the assistant extracted.
///
/// Keys: `name`, `role`, `company`, `timezone`, `summary` (profile); `tone_<platform>`,
/// `verbosity_<platform>`; `preference:<x>`, `fact:<x>`, `instruction:<x>`. Keys are unique per user.
public struct UserContextRow: Sendable, Hashable {
    public var id: UUID?
    public var key: String
    public var value: String
    /// `user_stated`, `tp_extracted` or `document`.
    public var source: String?
    /// 0...1.
    public var confidence: Double?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(id: UUID? = nil, key: String, value: String, source: String? = nil, confidence: Double? = nil,
                createdAt: Date? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.key = key
        self.value = value
        self.source = source
        self.confidence = confidence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
