/// What the compiler renders: sections of items, in no particular domain.
///
/// The compiler knows nothing of deliverables or activity; the builder maps its data onto sections whose
/// ids and field names a template declares. Values are untrusted text: the compiler sanitizes every one.
public struct PromptInput: Sendable, Hashable, Codable {
    /// The sections by id. A section the template declares but the input lacks is empty.
    public var sections: [String: PromptSection]

    public init(sections: [String: PromptSection] = [:]) {
        self.sections = sections
    }
}

/// The items of one section, and how many the caller already left out by its own limits.
public struct PromptSection: Sendable, Hashable, Codable {
    /// Items in their rendering order; the first item has the highest priority within the section.
    public var items: [PromptItem]
    /// Items the caller excluded before compiling (a lookback, a maximum count); reported as omitted
    /// by a limit, and counted in the section's omission note.
    public var excludedByLimit: Int

    public init(items: [PromptItem] = [], excludedByLimit: Int = 0) {
        self.items = items
        self.excludedByLimit = excludedByLimit
    }

    enum CodingKeys: String, CodingKey {
        case items
        case excludedByLimit = "excluded_by_limit"
    }

    /// Decodes a section; a missing `items` is empty and a missing `excluded_by_limit` is 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([PromptItem].self, forKey: .items) ?? []
        excludedByLimit = try container.decodeIfPresent(Int.self, forKey: .excludedByLimit) ?? 0
    }
}

/// One item: the fields a template interpolates, and a stable key that names it in the report.
public struct PromptItem: Sendable, Hashable, Codable {
    /// Stable identity, e.g. `fact:coffee` or a row id; shown in the budget report.
    public var key: String
    /// Field values by name; a missing field renders as absent (Mustache falsy).
    public var fields: [String: String]

    public init(key: String, fields: [String: String]) {
        self.key = key
        self.fields = fields
    }
}
