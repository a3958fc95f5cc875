import Foundation
import WorkingMemory

/// The rows a statement returned, copied out of libpq's result so no C pointer outlives the call.
///
/// Values are kept in PostgreSQL's text format and decoded on access with `PostgresDecodable`.
public struct PostgresRows: Sendable {
    /// Column names in result order.
    public let columns: [String]
    /// One array of text values per row; nil is SQL NULL.
    public let values: [[String?]]
    /// The command tag's row count (`INSERT 0 5` -> 5); 0 when the command reports none.
    public let affectedRows: Int

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The rows, each able to decode its columns by name.
    public var rows: [PostgresRow] {
        let index = columnIndex
        return values.map { PostgresRow(columnIndex: index, values: $0) }
    }

    var columnIndex: [String: Int] {
        Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let columnIndex: [String: Int]
    let values: [String?]

    /// Decodes column `name` as `T`.
    ///
    /// - Throws: `PostgresError` of kind `decodingFailed` when the column is missing, NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ name: String) throws(PostgresError) -> T {
        guard let value = try decodeIfPresent(type, name) else {
            throw PostgresError(.decodingFailed, message: "column \(name) is NULL, expected \(T.self)")
        }
        return value
    }

    /// Decodes column `name` as `T`, or nil when it is NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, _ name: String) throws(PostgresError) -> T? {
        guard let index = columnIndex[name] else {
            throw PostgresError(.decodingFailed, message: "the result has no column \(name)")
        }
        guard let text = values[index] else { return nil }
        guard let value = T(postgresText: text) else {
            throw PostgresError(.decodingFailed, message: "column \(name) is not a valid \(T.self)")
        }
        return value
    }
}

/// A Swift value that can be read from PostgreSQL's text output format.
public protocol PostgresDecodable {
    /// Parses the server's text form; nil when `postgresText` is not a valid value.
    init?(postgresText: String)
}

extension String: PostgresDecodable {
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Double: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension UUID: PostgresDecodable {
    public init?(postgresText: String) { self.init(canonicalText: postgresText) }
}

extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}

extension PostgresJSON: PostgresDecodable {
    public init?(postgresText: String) { self.init(text: postgresText) }
}
