/// The allocation rules, for one block of sections, at one token allowance.
///
/// The walk is budget-independent except for where it stops, which makes raising the allowance never
/// remove an item:
/// 1. floors: sections in priority order take items while their own total stays within their floor;
/// 2. then one global order (section priority, then item order): each item is taken if it fits the
///    section's cap and the allowance. An item over the cap is truncated to the cap if allowed and ends its
///    section; an item over the allowance is truncated to what is left if allowed, and ends the walk.
/// A section's total counts its heading when it takes its first item, and reserves its omission note
/// whenever the items taken so far would leave some out.
struct Allocator {
    /// The block's sections, in priority order (ties in document order).
    let sections: [SectionCandidates]

    func allocate(allowance: Int) throws(PromptCompileError) -> BlockAllocation {
        var result = BlockAllocation(sections: Array(repeating: SectionAllocation(), count: sections.count))
        var total = 0
        var stopped = false

        /// The section's total if it keeps its candidates through `position`, the last one costing `tokens`.
        func totalKeeping(_ s: Int, through position: Int, tokens: Int) throws(PromptCompileError) -> Int {
            let section = sections[s]
            let note = try section.needsNote(keepingThrough: position) ? section.noteCost : 0
            return section.overhead + result.sections[s].wholeTokens + tokens + note
        }

        func take(_ s: Int, _ candidate: Candidate, sectionTotal: Int) {
            total += sectionTotal - result.sections[s].used
            result.peak = max(result.peak, total)
            result.sections[s].used = sectionTotal
        }

        /// Keeps a cut of `candidate` within `limit` tokens of section total if one exists; ends the walk.
        func cutForBudget(_ s: Int, _ candidate: Candidate, sectionLimit: Int) throws(PromptCompileError) {
            stopped = true
            result.cutByBudget = true
            result.sections[s].stop = .budget
            let fixed = try totalKeeping(s, through: result.sections[s].whole, tokens: 0)
            let budgetLimit = allowance - total + result.sections[s].used
            let limit = min(budgetLimit, sectionLimit)
            if let cut = try sections[s].truncated(candidate, maxTokens: limit - fixed) {
                result.sections[s].truncated = cut
                take(s, cut, sectionTotal: fixed + cut.tokens)
            }
        }

        // 1. Floors, in priority order.
        for s in sections.indices where !stopped {
            let floor = sections[s].plan.floor
            while !stopped, let candidate = try sections[s].candidate(result.sections[s].whole) {
                let position = result.sections[s].whole
                let sectionTotal = try totalKeeping(s, through: position, tokens: candidate.tokens)
                if sectionTotal > floor { break }
                if total + sectionTotal - result.sections[s].used <= allowance {
                    result.sections[s].whole += 1
                    result.sections[s].wholeTokens += candidate.tokens
                    take(s, candidate, sectionTotal: sectionTotal)
                } else {
                    try cutForBudget(s, candidate, sectionLimit: sections[s].plan.cap ?? Int.max)
                }
            }
        }

        // 2. The rest in one global order, within caps.
        for s in sections.indices where !stopped {
            let cap = sections[s].plan.cap ?? Int.max
            while !stopped, let candidate = try sections[s].candidate(result.sections[s].whole) {
                let position = result.sections[s].whole
                let sectionTotal = try totalKeeping(s, through: position, tokens: candidate.tokens)
                if sectionTotal > cap {
                    let fixed = try totalKeeping(s, through: position, tokens: 0)
                    if let cut = try sections[s].truncated(candidate, maxTokens: cap - fixed) {
                        if total + fixed + cut.tokens - result.sections[s].used <= allowance {
                            result.sections[s].truncated = cut
                            take(s, cut, sectionTotal: fixed + cut.tokens)
                        } else {
                            try cutForBudget(s, candidate, sectionLimit: cap)
                            break
                        }
                    }
                    result.sections[s].stop = .cap
                    break
                }
                if total + sectionTotal - result.sections[s].used <= allowance {
                    result.sections[s].whole += 1
                    result.sections[s].wholeTokens += candidate.tokens
                    take(s, candidate, sectionTotal: sectionTotal)
                } else {
                    try cutForBudget(s, candidate, sectionLimit: cap)
                }
            }
        }
        return result
    }
}
