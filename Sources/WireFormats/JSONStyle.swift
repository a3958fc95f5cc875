/// How a `JSONWriter` lays out its text: separators, indentation, empty containers, escapes.
///
/// Three styles, each a format that files or answers already pin byte for byte (the goldens among them), so
/// none may change without a reason:
/// - `compact`: no white space (`{"a":1,"b":[2,3]}`): activity metadata, rows sent to PostgreSQL.
/// - `pretty`: two-space indentation, `"key": value`, `{}` and `[]` when empty: the snapshot file format.
/// - `encoderPretty`: the bytes of Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
///   .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, an empty container as its two brackets
///   around a blank line, DEL not escaped. The render result and the budget report use it; tests check the
///   bytes against `JSONEncoder`'s.
package struct JSONStyle: Sendable, Hashable {
    /// Each member on its own line, indented two spaces per level.
    package var isIndented: Bool
    /// What stands between a key and its value.
    package var keySeparator: String
    /// An empty container written over three lines, the middle one blank (only when indented).
    package var blankLineInEmptyContainer: Bool
    /// DEL (U+007F) written as `\u007f`; other control characters are always escaped.
    package var escapesDelete: Bool

    package static let compact = JSONStyle(
        isIndented: false, keySeparator: ":", blankLineInEmptyContainer: false, escapesDelete: true)
    package static let pretty = JSONStyle(
        isIndented: true, keySeparator: ": ", blankLineInEmptyContainer: false, escapesDelete: true)
    package static let encoderPretty = JSONStyle(
        isIndented: true, keySeparator: " : ", blankLineInEmptyContainer: true, escapesDelete: false)
}
