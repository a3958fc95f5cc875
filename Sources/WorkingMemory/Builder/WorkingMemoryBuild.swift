import PromptCompiler

/// What the builder produced: the compiler's input, and what the report should say about how.
public struct WorkingMemoryBuild: Sendable, Hashable {
    /// The sections to compile.
    public var input: PromptInput
    /// Decisions a reader should know about, e.g. `invalid time zone "Mars/Base"; times in UTC`.
    public var notes: [BuilderNote]
    /// The IANA identifier of the zone times are shown in (`UTC` unless the profile names a valid one).
    public var timeZone: String

    public init(input: PromptInput, notes: [BuilderNote], timeZone: String) {
        self.input = input
        self.notes = notes
        self.timeZone = timeZone
    }
}
