/// A family of Claude tokenizers: the models that share one vocabulary, and so one token-count bound.
///
/// | family | models |
/// | --- | --- |
/// | `claude-3` | Claude 3, 3.5 and 3.7, Claude 4 and 4.5 (Haiku, Sonnet, Opus), Opus 4.1 to 4.6 |
/// | `claude-4.7` | Opus 4.7 and every later model (Opus 4.8, Sonnet 5, Opus 5: the same vocabulary) |
///
/// The mapping follows the recorded counts in ctok 1.3.0 (its README: "3.0 <= version < 4.7" is one
/// vocabulary, 4.7 and later another). When unsure, use `claude-4.7`: on the recorded texts its counts are
/// at least those of `claude-3` for English and code, so its bound is the safer one.
public enum ClaudeFamily: String, CaseIterable, Sendable {
    case claude3 = "claude-3"
    case claude47 = "claude-4.7"

    /// The fitted coefficients, by `ClaudePieceClass` and feature.
    var coefficients: [[Int]] {
        switch self {
        case .claude3: ClaudeBoundCoefficients.claude3
        case .claude47: ClaudeBoundCoefficients.claude47
        }
    }
}
