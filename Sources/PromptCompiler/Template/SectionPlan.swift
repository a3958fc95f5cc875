import Mustache

/// One section of a compiled template: where it goes, how it renders, and what the allocator may do with it.
///
/// Immutable. A class so that the many copies a render makes (every rendered section carries its plan)
/// cost one reference count each instead of one per field.
public final class SectionPlan: Sendable {
    /// The id the input uses, e.g. `activity`.
    public let id: String
    /// The heading text, without markup, e.g. `Recent activity`.
    public let heading: String
    /// Higher is kept first; ties keep the front matter's order.
    public let priority: Int
    /// Tokens reserved for the section when it has content (heading, items and note included).
    public let floor: Int
    /// Most tokens the section may take (heading, items and note included); nil means no cap.
    public let cap: Int?
    /// When true, content inside the floor that does not fit is an overflow, never a silent cut.
    public let required: Bool
    /// Each item is a list item, or a line of one paragraph.
    public let style: Style
    /// Which field may be cut at a word boundary, and the fewest tokens a cut item may keep; nil: never cut.
    public let truncation: Truncation?
    /// The note shown when items were left out; nil: no note.
    public let omission: OmissionNote?
    /// True when the section is at or before the cache breakpoint.
    public let isStable: Bool

    let itemTemplates: ItemTemplates
    /// What each item template renders with no field but `kind` (by kind; "" for a single template): an
    /// item rendering exactly this shows no data and is left out as empty.
    let blankRenderings: [String: String]
    /// The longest of `blankRenderings` in UTF-8 bytes: a longer item text cannot be one of them.
    let longestBlankRendering: Int
    /// Kinds whose item template is empty: such an item keeps the section's heading and adds no line
    /// (yarnnn-v1's profile, where a value that shows no line still printed `### About you`).
    let headingOnlyKinds: Set<String>
    /// The field names the item templates mention (used to render sample items when compiling).
    let fieldNames: [String]

    init(
        id: String, heading: String, priority: Int, floor: Int, cap: Int?, required: Bool, style: Style,
        truncation: Truncation?, omission: OmissionNote?, isStable: Bool, itemTemplates: ItemTemplates,
        blankRenderings: [String: String], fieldNames: [String], headingOnlyKinds: Set<String> = []
    ) {
        self.id = id
        self.heading = heading
        self.priority = priority
        self.floor = floor
        self.cap = cap
        self.required = required
        self.style = style
        self.truncation = truncation
        self.omission = omission
        self.isStable = isStable
        self.itemTemplates = itemTemplates
        self.blankRenderings = blankRenderings
        longestBlankRendering = blankRenderings.values.map(\.utf8.count).max() ?? -1
        self.headingOnlyKinds = headingOnlyKinds
        self.fieldNames = fieldNames
    }

    /// How the items of a section appear in the markdown, which the structural guard verifies.
    public enum Style: String, Sendable {
        /// One list item per item.
        case list
        /// One line of a single paragraph per item.
        case lines
    }

    /// Per-section truncation rule.
    public struct Truncation: Sendable {
        /// The field cut at a word boundary and ended with "…".
        public let field: String
        /// A cut item must keep at least this many tokens, otherwise it is left out.
        public let minTokens: Int
    }

    /// The note shown when a section lost items, with singular and plural forms.
    public struct OmissionNote: Sendable {
        /// Where the note appears.
        public enum Placement: String, Sendable {
            /// A paragraph of its own after the items.
            case paragraph
            /// One more line of the last item's paragraph (a lazy continuation in a list).
            case line
            /// One more list item.
            case item
        }
        /// When the note appears.
        public enum Trigger: String, Sendable {
            /// Whenever any item was left out, by the caller's limits or by the compiler.
            case any
            /// Only when the compiler left items out (budget or cap); the count still includes the caller's.
            case budget
        }
        public let placement: Placement
        public let trigger: Trigger
        let one: CompiledMustache
        let other: CompiledMustache
    }

    /// Item templates: one for all items, or one per value of the item's `kind` field.
    enum ItemTemplates: Sendable {
        case single(CompiledMustache)
        case byKind([String: CompiledMustache])
    }
}
