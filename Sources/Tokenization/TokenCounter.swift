/// Counts the tokens of a text under one encoding, exactly or as a labelled estimate.
///
/// Every budget decision in the project goes through this protocol. Implementations are immutable
/// and safe to share between tasks.
public protocol TokenCounter: Sendable {
    /// The name used on the command line and in reports, e.g. `o200k_base`.
    var name: String { get }
    /// True when `count` is an estimate rather than an exact count; shown wherever a count is shown.
    var isEstimate: Bool { get }
    /// The number of tokens `text` takes.
    func count(_ text: String) -> Int
}
