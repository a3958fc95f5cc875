import Foundation
import WireFormats

/// The rows a statement returned, copied out of libpq's result so no C pointer outlives the call.
///
/// Values are kept in PostgreSQL's text format, all in one byte array (a row's values are not a `String`
/// each: making them was a third of a session start's decoding), and decoded on access: by name through
/// `rows` and `PostgresDecodable`, or by position through `text(row:column:)` and `withUTF8(row:column:_:)`.
public struct PostgresRows: Sendable {
    /// Column names in result order.
    public let columns: [String]
    /// The number of rows.
    public let count: Int
    /// The command tag's row count (`INSERT 0 5` -> 5); 0 when the command reports none.
    public let affectedRows: Int
    /// Every non-NULL value's bytes, row after row, column after column.
    private let text: [UInt8]
    /// Two entries per value, in the same order: its start and end in `text`; a start of -1 is SQL NULL.
    private let bounds: [Int]

    /// `builder` holds `count` rows of `columns.count` values each.
    init(columns: [String], count: Int, builder: Builder, affectedRows: Int) {
        precondition(builder.values == count * columns.count, "rows of the wrong width")
        self.columns = columns
        self.count = count
        self.affectedRows = affectedRows
        self.text = builder.text
        self.bounds = builder.bounds
    }

    public var isEmpty: Bool { count == 0 }

    /// One array of text values per row; nil is SQL NULL.
    public var values: [[String?]] {
        (0..<count).map { row in (0..<columns.count).map { text(row: row, column: $0) } }
    }

    /// The value at `row` and `column` as text; nil for SQL NULL and for a column the result lacks.
    public func text(row: Int, column: Int) -> String? {
        withUTF8(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of the value at `row` and `column`; nil for SQL NULL and for a
    /// column the result lacks. The bytes are valid only inside `body`.
    public func withUTF8<Result>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard column >= 0, column < columns.count else { return nil }
        let at = 2 * (row * columns.count + column)
        let start = bounds[at]
        guard start >= 0 else { return nil }
        return try text.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<bounds[at + 1]]))
        }
    }

    /// The first row whose value at `column` is not exactly `bytes` (SQL NULL and a column the result lacks
    /// never are), or nil when every row's is: one `memcmp` per row, no `String` made.
    public func firstRow(whereColumn column: Int, isNot bytes: [UInt8]) -> Int? {
        guard column >= 0, column < columns.count else { return count > 0 ? 0 : nil }
        return text.withUnsafeBytes { all in
            bytes.withUnsafeBytes { expected in
                for row in 0..<count {
                    let at = 2 * (row * columns.count + column)
                    let start = bounds[at]
                    guard start >= 0, bounds[at + 1] - start == expected.count else { return row }
                    if expected.isEmpty { continue }
                    guard memcmp(all.baseAddress! + start, expected.baseAddress!, expected.count) == 0 else { return row }
                }
                return nil
            }
        }
    }

    /// The rows, each able to decode its columns by name.
    public var rows: [PostgresRow] {
        let index = columnIndex
        return values.map { PostgresRow(columnIndex: index, values: $0) }
    }

    var columnIndex: [String: Int] {
        Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Collects values in row order, then becomes the rows' storage.
    struct Builder {
        private(set) var text: [UInt8] = []
        private(set) var bounds: [Int] = []
        /// How many values were appended.
        var values: Int { bounds.count / 2 }

        init(expectedValues: Int, expectedBytes: Int = 0) {
            bounds.reserveCapacity(2 * expectedValues)
            text.reserveCapacity(expectedBytes)
        }

        /// Appends the next value's bytes.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            bounds.append(text.count)
            text.append(contentsOf: bytes)
            bounds.append(text.count)
        }

        /// Appends SQL NULL as the next value.
        mutating func appendNull() {
            bounds.append(-1)
            bounds.append(-1)
        }
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
