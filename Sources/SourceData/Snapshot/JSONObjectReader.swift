import Foundation
import WireFormats

/// Reads typed members of one JSON object, throwing `SnapshotError`s that name each member's path.
///
/// "Optional" readers treat an absent member and `null` alike (a nullable column may be omitted);
/// "required" readers reject both.
struct JSONObjectReader {
    let members: [String: JSONValue]
    let path: JSONPath

    /// A reader over `value`, which must be an object.
    init(_ value: JSONValue, at path: JSONPath) throws(SnapshotError) {
        guard case .object(let members) = value else {
            throw SnapshotError(at: path, .wrongType(expected: "object", found: value.typeName))
        }
        self.members = members
        self.path = path
    }

    /// The member, or nil when it is absent or null.
    func optionalValue(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    func requiredValue(_ key: String) throws(SnapshotError) -> JSONValue {
        guard let value = members[key] else { throw SnapshotError(at: path.appending(key), .missing) }
        return value
    }

    func optionalString(_ key: String) throws(SnapshotError) -> String? {
        guard let value = optionalValue(key) else { return nil }
        return try Self.string(value, at: path.appending(key))
    }

    func requiredString(_ key: String) throws(SnapshotError) -> String {
        try Self.string(requiredValue(key), at: path.appending(key))
    }

    func optionalUUID(_ key: String) throws(SnapshotError) -> UUID? {
        guard let text = try optionalString(key) else { return nil }
        return try Self.uuid(text, at: path.appending(key))
    }

    func requiredUUID(_ key: String) throws(SnapshotError) -> UUID {
        try Self.uuid(requiredString(key), at: path.appending(key))
    }

    func optionalTimestamp(_ key: String) throws(SnapshotError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        return try Self.timestamp(text, at: path.appending(key))
    }

    func requiredTimestamp(_ key: String) throws(SnapshotError) -> Date {
        try Self.timestamp(requiredString(key), at: path.appending(key))
    }

    func optionalNumber(_ key: String) throws(SnapshotError) -> Double? {
        guard let value = optionalValue(key) else { return nil }
        switch value {
        case .integer(let number): return Double(number)
        case .number(let number): return number
        default: throw SnapshotError(at: path.appending(key), .wrongType(expected: "number", found: value.typeName))
        }
    }

    // The path is an autoclosure: it is built only for an error message, not for every member read.

    static func string(_ value: JSONValue, at path: @autoclosure () -> JSONPath) throws(SnapshotError) -> String {
        guard case .string(let text) = value else {
            throw SnapshotError(at: path(), .wrongType(expected: "string", found: value.typeName))
        }
        return text
    }

    static func uuid(_ text: String, at path: @autoclosure () -> JSONPath) throws(SnapshotError) -> UUID {
        guard let uuid = UUID(canonicalText: text) else {
            throw SnapshotError(at: path(), .malformedUUID(text))
        }
        return uuid
    }

    static func timestamp(_ text: String, at path: @autoclosure () -> JSONPath) throws(SnapshotError) -> Date {
        guard let date = RFC3339.date(from: text) else { throw SnapshotError(at: path(), .malformedTimestamp(text)) }
        return date
    }
}
