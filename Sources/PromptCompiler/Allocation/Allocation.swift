/// Why an item was left out.
public enum OmissionReason: String, Sendable, Codable, CaseIterable {
    /// The global budget ran out before the item's turn.
    case budget
    /// The section's cap was reached.
    case cap
    /// The caller's own limit (a lookback, a maximum count) excluded it before compiling.
    case limit
    /// The item rendered to nothing (all its fields empty after cleaning).
    case empty
}

/// What the allocator kept of one section.
struct SectionAllocation {
    /// Candidates kept whole: positions 0..<whole.
    var whole = 0
    /// Tokens of the kept whole candidates.
    var wholeTokens = 0
    /// The candidate after the whole ones, cut to fit.
    var truncated: Candidate?
    /// Why the candidates after the kept ones were left out.
    var stop: OmissionReason?
    /// The section's tokens as the allocator counted them (heading, items, reserved note).
    var used = 0

    var kept: Int { whole + (truncated == nil ? 0 : 1) }
}

/// The allocation of one block (stable or volatile) at one allowance.
struct BlockAllocation {
    var sections: [SectionAllocation]
    /// The highest running total reached: every allowance in peak...allowance gives this same allocation.
    var peak = 0
    /// True when the block was cut by the allowance (not only by caps).
    var cutByBudget = false

    var isEmpty: Bool { sections.allSatisfy { $0.kept == 0 } }
}
