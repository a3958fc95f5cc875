import Tokenization

/// One item ready for allocation: its cleaned fields, rendered markdown and exact token cost.
struct Candidate {
    /// Position in the section's input items.
    let index: Int
    let fields: [String: String]
    let line: ItemLine
    /// Tokens of `line` (the item's text and its line break); 0 for a heading-only item.
    let tokens: Int
    /// False for an item of a heading-only kind (`SectionPlan.headingOnlyKinds`): it keeps the section's
    /// heading, costs nothing itself, and its line is not rendered.
    var addsLine = true
}

/// The items of one section, rendered and counted lazily, in order, at most once each.
///
/// Items after the allocator's cut are never rendered, so 100,000 items into a small budget cost little.
final class SectionCandidates {
    let plan: SectionPlan
    let items: [PromptItem]
    let excludedByLimit: Int
    /// Tokens of the heading and separators the section adds.
    let overhead: Int
    private let tally: TokenTally
    private let scratch: RenderScratch
    private var measuredNoteCost: Int?
    /// `noteCost` for 1, 2, ... omitted items, measured once per renderer (see `SectionCandidates.noteCosts`).
    private let knownNoteCosts: [Int]

    /// Tokens reserved for the omission note (rendered with the largest possible count); 0 without a note.
    /// Measured on first use: most renders never need it.
    var noteCost: Int {
        if let measuredNoteCost { return measuredNoteCost }
        let omitted = max(1, items.count + excludedByLimit)
        if omitted <= knownNoteCosts.count { return knownNoteCosts[omitted - 1] }
        let cost = plan.renderNote(omitted: max(1, items.count + excludedByLimit)).map { tally.count("\n" + $0 + "\n") } ?? 0
        measuredNoteCost = cost
        return cost
    }

    private(set) var rendered: [Candidate] = []
    /// Input positions that rendered to nothing.
    private(set) var empties: [Int] = []
    private var nextIndex = 0

    /// `noteCost` for 1...`upTo` omitted items: what a renderer measures once and passes to every render.
    static func noteCosts(_ plan: SectionPlan, upTo count: Int, counter: any TokenCounter) -> [Int] {
        (1...count).map { omitted in plan.renderNote(omitted: omitted).map { counter.count("\n" + $0 + "\n") } ?? 0 }
    }

    /// `scratch`: the render's buffers, shared by its sections (one render runs on one thread).
    init(plan: SectionPlan, section: PromptSection?, overhead: Int, knownNoteCosts: [Int] = [], tally: TokenTally,
         scratch: RenderScratch) {
        self.scratch = scratch
        self.plan = plan
        self.items = section?.items ?? []
        self.excludedByLimit = section?.excludedByLimit ?? 0
        self.overhead = overhead
        self.tally = tally
        self.knownNoteCosts = knownNoteCosts
    }

    /// The `position`-th non-empty item, rendering as far as needed; nil past the end.
    func candidate(_ position: Int) throws(PromptCompileError) -> Candidate? {
        // Room for a section's usual few items at once, instead of growing by doubling from one.
        if rendered.capacity == 0 { rendered.reserveCapacity(min(items.count, 16)) }
        while rendered.count <= position, nextIndex < items.count {
            let index = nextIndex
            nextIndex += 1
            let fields = SectionPlan.cleanedFields(items[index].fields)
            let kind = plan.templateKind(of: fields)
            let line = try render(fields, kind: kind, index: index, cleaned: true)
            if let kind, plan.headingOnlyKinds.contains(kind) {
                rendered.append(Candidate(index: index, fields: fields, line: line, tokens: 0, addsLine: false))
            } else if isBlank(line, fields: fields, kind: kind) {
                empties.append(index)
            } else {
                rendered.append(Candidate(index: index, fields: fields, line: line, tokens: tally.countLine(line)))
            }
        }
        return position < rendered.count ? rendered[position] : nil
    }

    /// True when a note is needed if the `position`-th candidate is the last one kept.
    func needsNote(keepingThrough position: Int) throws(PromptCompileError) -> Bool {
        guard plan.omission != nil else { return false }
        if plan.omission?.trigger == .any, excludedByLimit > 0 { return true }
        return try candidate(position + 1) != nil
    }

    /// The item cut at a word boundary of the truncation field, ended with "…", within `maxTokens`.
    ///
    /// Nil when the section may not truncate, the item lacks the field, or no cut keeps `minTokens`.
    func truncated(_ candidate: Candidate, maxTokens: Int) throws(PromptCompileError) -> Candidate? {
        guard let rule = plan.truncation, maxTokens >= rule.minTokens,
              let value = candidate.fields[rule.field] else { return nil }
        let scalars = Array(value.unicodeScalars)
        var boundaries: [Int] = []
        for (offset, scalar) in scalars.enumerated() where scalar == " " { boundaries.append(offset) }
        guard !boundaries.isEmpty else { return nil }
        var cache: [Int: Candidate] = [:]
        func cut(_ k: Int) throws(PromptCompileError) -> Candidate {
            if let known = cache[k] { return known }
            var fields = candidate.fields
            var prefix = String.UnicodeScalarView(scalars[..<boundaries[k]])
            prefix.append("…")
            fields[rule.field] = String(prefix)
            let line = try render(fields, kind: plan.templateKind(of: fields), index: candidate.index)
            let made = Candidate(index: candidate.index, fields: fields, line: line, tokens: tally.countLine(line))
            cache[k] = made
            return made
        }
        // Gallop to bracket the longest fitting cut, then binary search: cost stays near the kept size.
        guard try cut(0).tokens <= maxTokens else { return nil }
        var good = 0
        var step = 1
        var bad = boundaries.count
        while good + step < boundaries.count {
            if try cut(good + step).tokens <= maxTokens {
                good += step
                step *= 2
            } else {
                bad = good + step
                break
            }
        }
        while bad - good > 1 {
            let middle = (good + bad) / 2
            if try cut(middle).tokens <= maxTokens { good = middle } else { bad = middle }
        }
        let best = try cut(good)
        return best.tokens >= rule.minTokens ? best : nil
    }

    /// True when `line` shows no data: whitespace only, or what the item's template renders with no fields.
    ///
    /// `kind`: as passed to `render` (nil for a single template, whose blank rendering has no `kind`: an
    /// item with one is not blank by that rule).
    private func isBlank(_ line: ItemLine, fields: [String: String], kind: String?) -> Bool {
        if line.isBlank { return true }
        guard line.count - 1 <= plan.longestBlankRendering, let blank = plan.blankRenderings[kind ?? ""],
              line.withTextBytes({ $0.elementsEqual(blank.utf8) }) else { return false }
        return plan.choosesTemplateByKind || fields["kind"] == nil
    }

    /// `kind`: see `SectionPlan.renderItemLine`; `cleaned`: `fields` came straight from `SectionPlan.cleanedFields`.
    private func render(_ fields: [String: String], kind: String?, index: Int, cleaned: Bool = false) throws(PromptCompileError) -> ItemLine {
        do {
            return try plan.renderItemLine(fields, kind: kind, cleaned: cleaned, scratch: scratch)
        } catch {
            switch error {
            case .unknownKind(let kind):
                throw .unknownKind(section: plan.id, kind: kind, key: items[index].key)
            }
        }
    }
}
