/// A SQL statement whose interpolated values become bind parameters, never SQL text.
///
/// `"SELECT * FROM t WHERE id = \(id)"` produces `SELECT * FROM t WHERE id = $1` with `id` bound, so a value
/// can never change the statement: injection is impossible by construction. Trusted SQL fragments (such as a
/// table name chosen by code) go through `\(unescaped:)`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The statement text with `$1`, `$2`, … placeholders.
    public private(set) var sql: String
    /// The bound values in placeholder order; `nil` binds SQL NULL.
    public private(set) var binds: [PostgresBind]
    /// When set, the session prepares the statement once under this name and then sends only the binds,
    /// so the server plans it once per connection. Use it for statements run on every request.
    public private(set) var preparedName: String?

    /// This statement, prepared once per connection under `name` (which must be unique per SQL text).
    public func prepared(as name: String) -> PostgresQuery {
        var copy = self
        copy.preparedName = name
        return copy
    }

    /// This statement sent with its text, not prepared.
    func unprepared() -> PostgresQuery {
        var copy = self
        copy.preparedName = nil
        return copy
    }

    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    /// A statement whose text already holds `$1`… placeholders for `binds`, in order.
    init(sql: String, binds: [PostgresBind]) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    /// Builds the statement text and its binds.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + 4 * interpolationCount)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter, typed by its PostgreSQL type.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)::\(value.postgresTypeName)"
        }

        /// Binds `value`, or SQL NULL when it is nil.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            if let value {
                appendInterpolation(value)
            } else {
                binds.append(PostgresBind(text: nil, typeName: Value.nullTypeName))
                sql += "$\(binds.count)::\(Value.nullTypeName)"
            }
        }

        /// Appends trusted SQL text as it is. Never pass user input here.
        public mutating func appendInterpolation(unescaped sqlText: String) {
            sql += sqlText
        }
    }
}

/// One bound parameter in PostgreSQL's text format.
public struct PostgresBind: Sendable, Equatable {
    /// The value's text form, or nil for SQL NULL.
    public let text: String?
    /// The PostgreSQL type the statement casts the parameter to.
    public let typeName: String

    public init(text: String?, typeName: String) {
        self.text = text
        self.typeName = typeName
    }

    init(_ value: some PostgresEncodable) {
        self.init(text: value.postgresText, typeName: value.postgresTypeName)
    }
}
