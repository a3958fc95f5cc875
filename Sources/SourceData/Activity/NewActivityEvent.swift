import Foundation
import WireFormats

/// An activity event ready to be written: validated and cleaned when it was made, so the store sends it as is.
///
/// The id is generated on the client, so a write that is resent after a broken connection cannot duplicate
/// the row (the store inserts with `ON CONFLICT DO NOTHING`).
public struct NewActivityEvent: Sendable, Hashable {
    /// At most this many characters (Unicode scalars, as PostgreSQL's `char_length`) in a summary.
    public static let maximumSummaryLength = 500
    /// At most this many bytes in the compact JSON text of the metadata.
    public static let maximumMetadataBytes = 16 * 1024

    public let id: UUID
    public let userID: UUID
    public let type: ActivityEventType
    public let ref: UUID?
    /// The cleaned summary: tabs and line breaks folded to spaces, other control characters removed, trimmed.
    public let summary: String
    /// A JSON object, or nil.
    public let metadata: [String: JSONValue]?
    /// The metadata as compact JSON text with sorted keys, or nil; what the store sends.
    public let metadataJSON: String?
    /// When the event happened; nil means the database's `now()`.
    public let createdAt: Date?

    /// Validates and cleans an event.
    ///
    /// - Throws: `ActivityValidationError` when the summary is longer than 500 characters as given, empty
    ///   after cleaning or holds a NUL, or the metadata holds a NUL (in a string or a member name, which
    ///   `jsonb` cannot store) or its JSON is over 16 KiB.
    public init(
        user: UUID,
        type: ActivityEventType,
        summary: String,
        ref: UUID? = nil,
        metadata: [String: JSONValue]? = nil,
        createdAt: Date? = nil,
        id: UUID = UUID()
    ) throws(ActivityValidationError) {
        self.summary = try Self.cleanedSummary(summary)
        if let metadata, let path = Self.pathOfNUL(in: .object(metadata), at: JSONPath.root.appending("metadata")) {
            throw .metadataContainsNUL(path: path.description)
        }
        let metadataJSON = metadata.map { JSONValue.object($0).jsonText }
        if let bytes = metadataJSON?.utf8.count, bytes > Self.maximumMetadataBytes {
            throw .metadataTooLarge(bytes: bytes)
        }
        self.metadataJSON = metadataJSON
        self.id = id
        self.userID = user
        self.type = type
        self.ref = ref
        self.metadata = metadata
        self.createdAt = createdAt
    }

    /// Validates an event given as text, as a command line or an HTTP body gives it.
    public init(
        userText: String,
        typeName: String,
        summary: String,
        refText: String? = nil,
        metadataJSON: String? = nil,
        createdAt: Date? = nil
    ) throws(ActivityValidationError) {
        let user = try Self.uuid(userText, field: "user")
        let type = try Self.eventType(typeName)
        let ref = try refText.map { text throws(ActivityValidationError) in try Self.uuid(text, field: "ref") }
        var metadata: [String: JSONValue]?
        if let metadataJSON {
            guard metadataJSON.utf8.count <= 4 * Self.maximumMetadataBytes else {
                throw .metadataTooLarge(bytes: metadataJSON.utf8.count)
            }
            let parsed: JSONValue
            do {
                parsed = try JSONValue.parse(metadataJSON)
            } catch {
                throw .metadataNotJSON(reason: Self.shortReason(error))
            }
            guard case .object(let object) = parsed else { throw .metadataNotAnObject }
            metadata = object
        }
        try self.init(user: user, type: type, summary: summary, ref: ref, metadata: metadata, createdAt: createdAt)
    }

    /// `text` as a UUID, or `invalidUUID` naming `field`.
    static func uuid(_ text: String, field: String) throws(ActivityValidationError) -> UUID {
        guard let value = UUID(canonicalText: text) else { throw .invalidUUID(field: field, value: text) }
        return value
    }

    /// `name` as an event type, or `unknownEventType`.
    static func eventType(_ name: String) throws(ActivityValidationError) -> ActivityEventType {
        guard let type = ActivityEventType(rawValue: name) else { throw .unknownEventType(name) }
        return type
    }

    /// Cleans a summary: at most `maximumSummaryLength` characters as given (what a schema's `maxLength`
    /// counts), no NUL, and not empty once cleaned.
    static func cleanedSummary(_ raw: String) throws(ActivityValidationError) -> String {
        let given = raw.unicodeScalars.count
        guard given <= maximumSummaryLength else { throw .summaryTooLong(characters: given) }
        var cleaned = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "\0":
                throw .summaryContainsNUL
            case "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                cleaned.append(" ")
            default:
                if scalar.properties.generalCategory != .control { cleaned.append(scalar) }
            }
        }
        let summary = String(cleaned).trimmingCharacters(in: .whitespaces)
        guard !summary.isEmpty else { throw .emptySummary }
        return summary
    }

    /// The path of the first string or member name (in sorted member order) holding U+0000, or nil.
    static func pathOfNUL(in value: JSONValue, at path: JSONPath) -> JSONPath? {
        switch value {
        case .string(let text):
            return text.unicodeScalars.contains("\0") ? path : nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = pathOfNUL(in: element, at: path.appending(index)) { return found }
            }
            return nil
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let inner = path.appending(key)
                if key.unicodeScalars.contains("\0") { return inner }
                if let found = pathOfNUL(in: member, at: inner) { return found }
            }
            return nil
        case .null, .bool, .integer, .number:
            return nil
        }
    }

    private static func shortReason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "\(error)".prefix(200).description
    }
}
