import Foundation
import WireFormats

/// A Swift value that can be bound as a statement parameter, in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type the parameter is cast to, e.g. `uuid`.
    var postgresTypeName: String { get }
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
    /// The type name used when the value is nil.
    static var nullTypeName: String { get }
}

extension PostgresEncodable {
    public var postgresTypeName: String { Self.nullTypeName }
}

extension String: PostgresEncodable {
    public static var nullTypeName: String { "text" }
    public var postgresText: String { self }
}

extension Int: PostgresEncodable {
    public static var nullTypeName: String { "int8" }
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    public static var nullTypeName: String { "float8" }
    public var postgresText: String { "\(self)" }
}

extension Bool: PostgresEncodable {
    public static var nullTypeName: String { "bool" }
    public var postgresText: String { self ? "true" : "false" }
}

extension UUID: PostgresEncodable {
    public static var nullTypeName: String { "uuid" }
    public var postgresText: String { lowercasedString }
}

extension Date: PostgresEncodable {
    public static var nullTypeName: String { "timestamptz" }
    /// RFC 3339 in UTC with microseconds, the precision of `timestamptz`.
    public var postgresText: String { RFC3339.string(from: self) }
}

/// A `jsonb` parameter: JSON text the server parses.
public struct PostgresJSON: PostgresEncodable, Equatable {
    public static var nullTypeName: String { "jsonb" }
    /// The JSON document as text.
    public let text: String
    public var postgresText: String { text }

    public init(text: String) {
        self.text = text
    }
}

/// An `interval` parameter, in seconds.
public struct PostgresInterval: PostgresEncodable, Equatable {
    public static var nullTypeName: String { "interval" }
    public let seconds: Int
    public var postgresText: String { "\(seconds) seconds" }

    public init(seconds: Int) {
        self.seconds = seconds
    }
}
