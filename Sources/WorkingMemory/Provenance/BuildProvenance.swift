/// The sources of a build's items: for each section, one `ItemSource` per item, in the items' order.
public struct BuildProvenance: Sendable, Hashable {
    /// By section id: the source of each of the section's items (`sources[id][i]` is item `i`'s).
    public var sources: [String: [ItemSource]]
    /// By section id: what the section's limits leave out before compiling, in words (what its omission
    /// note counts besides the compiler's own omissions); absent for sections without limits.
    public var limits: [String: String]

    public init(sources: [String: [ItemSource]] = [:], limits: [String: String] = [:]) {
        self.sources = sources
        self.limits = limits
    }

    /// The source of item `index` of section `id`; nil when unknown.
    func source(section id: String, index: Int) -> ItemSource? {
        guard let sources = sources[id], sources.indices.contains(index) else { return nil }
        return sources[index]
    }

    /// The source of the item with `key` in section `id`, given the section's items; nil when unknown.
    func source(section id: String, key: String, in items: [String]) -> ItemSource? {
        guard let sources = sources[id], let index = items.firstIndex(of: key), index < sources.count else { return nil }
        return sources[index]
    }
}
