/// Total, locale-free ordering of text by Unicode code points, as Python and PostgreSQL's C collation order it.
///
/// Swift's `<` on `String` treats canonically equivalent strings as equal, which is not a total
/// order on stored values; sorting by code points keeps output byte-identical across runs.
enum TextOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
    }
}
