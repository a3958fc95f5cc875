import Foundation
import PromptCompiler

/// What the builder produced: the compiler's input, and what the report should say about how.
public struct WorkingMemoryBuild: Sendable, Hashable {
    /// The sections to compile.
    public var input: PromptInput
    /// Decisions a reader should know about, e.g. `invalid time zone "Mars/Base"; times in UTC`.
    public var notes: [BuilderNote]
    /// The IANA identifier of the zone times are shown in (`UTC` unless the profile names a valid one).
    public var timeZone: String
    /// The first instant at which the same snapshot may build differently, because time passed: the next
    /// change of a shown freshness label, or the moment a shown or counted event or conversation leaves its
    /// lookback. The build is the same for every `now` from the one it was made at until just before this
    /// instant. Nil when nothing in it depends on time. Whole microseconds (rounded down), as RFC 3339 prints it.
    public var validUntil: Date?
    /// The source rows of every item of `input`, and what each section's limits left out.
    public var provenance: BuildProvenance

    public init(input: PromptInput, notes: [BuilderNote], timeZone: String, validUntil: Date? = nil,
                provenance: BuildProvenance = BuildProvenance()) {
        self.input = input
        self.notes = notes
        self.timeZone = timeZone
        self.validUntil = validUntil
        self.provenance = provenance
    }
}
