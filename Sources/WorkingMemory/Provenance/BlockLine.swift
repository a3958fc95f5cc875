import PromptCompiler
import SourceData

/// One line of a rendered block and where it came from.
public struct BlockLine: Sendable {
    /// 1-based, as an editor numbers the block's lines.
    public let number: Int
    /// The line's text, without its line break.
    public let text: String
    /// `stable` or `volatile`: the cache block the line is in.
    public let block: String
    public let origin: LineOrigin
}

/// What put a line in the block.
public enum LineOrigin: Sendable {
    /// The template's own text (the frame, blank lines between sections).
    case template
    /// A section's heading.
    case heading(section: String)
    /// An item: its section, its key, whether it is shown cut, its tokens (`line + "\n"`), and its source
    /// (nil only for an input the builder did not make, such as a `PromptInput` file).
    case item(section: String, key: String, truncated: Bool, tokens: Int, source: ItemSource?)
    /// A section's omission note, and what it summarises.
    case note(section: String, summary: NoteSummary)
    /// The overflow marker: required content did not fit and was cut.
    case overflowMarker
}

/// What an omission note counts: the items the compiler left out, and the rows the builder's limits left out.
public struct NoteSummary: Sendable {
    /// The items left out by the compiler (budget or cap), with their sources, in input order.
    public let omitted: [OmittedSource]
    /// Rows the builder's limits left out before compiling (counted by the note too).
    public let excludedByLimit: Int
    /// Which rows those are, in words (e.g. `activity_log rows older than 7 days or beyond the 10 newest`).
    public let limit: String?
}

/// An item left out, its reason, and its source.
public struct OmittedSource: Sendable {
    public let key: String
    public let reason: OmissionReason
    public let source: ItemSource?
}
