/// Which template the builder maps onto; the two differ in a few domain rules.
///
/// | rule | `.standard` (templates/working-memory.md) | `.v1` (templates/yarnnn-v1.md) |
/// |---|---|---|
/// | times | the profile's IANA zone, else UTC with a note | always UTC |
/// | preferences | once, in `preferences` | also repeated in `told`, as the earlier version did |
/// | platforms showing freshness | status `connected` or `active` | `connected` only (so stored `active` showed raw) |
/// | singular | "1 hour ago", "1 day ago" | "1 hours ago", "1 days ago" |
/// | summary cut | 300 characters (grapheme clusters), then `…` | first 300 code points, no marker, a space at the cut kept |
/// | profile with a value but no line (a role without a name) | no section | `### About you` alone |
/// | order of `told` / preferences | instructions, then facts; higher confidence, newer first | by key |
public enum TemplateFlavour: String, Sendable, Hashable, CaseIterable {
    case standard
    case v1
}

extension TemplateFlavour {
    /// The name of the template that reproduces the earlier version's format.
    public static let v1TemplateName = "yarnnn-v1"

    /// The flavour a template needs: `.v1` for `yarnnn-v1`, `.standard` for every other template.
    public init(templateName: String) {
        self = templateName == Self.v1TemplateName ? .v1 : .standard
    }
}
