extension Dictionary where Key == String {
    /// `self[name]`, found by comparing keys when there are few (at most eight): cheaper than hashing `name`.
    ///
    /// Item fields and a section's item templates are such dictionaries; hashing a string cost about 300
    /// instructions, comparing short keys a few dozen.
    @inline(__always)
    func value(comparingKeysWith name: String) -> Value? {
        guard count <= 8 else { return self[name] }
        var index = startIndex
        while index != endIndex {
            if keys[index] == name { return values[index] }
            formIndex(after: &index)
        }
        return nil
    }
}
