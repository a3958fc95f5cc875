import Tokenization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders inputs through one compiled template with one token counter, within a token budget.
///
/// Create one per (template, counter) and reuse it: it measures the template's fixed costs once.
/// ```
/// let template = try PromptTemplate(contentsOfFile: "templates/working-memory.md")
/// let renderer = PromptRenderer(template: template, counter: try TokenizerKind.o200kBase.makeCounter())
/// let result = try renderer.render(input, budget: 2_000)
/// ```
/// Guarantees: `result.tokens <= budget` (counted exactly on the whole text); the same input gives the same
/// bytes; a larger budget never removes an item a smaller one kept; the stable block depends only on the
/// stable sections; the markdown has exactly the planned structure (verified with cmark).
public struct PromptRenderer: Sendable {
    public let template: PromptTemplate
    public let counter: any TokenCounter

    /// Tokens of the body with no section present.
    let frameTokens: Int
    /// Per section (document order): tokens of its heading and separators.
    let overheads: [Int]
    /// Per section (document order): its omission note's reserved tokens for 1...32 omitted items (larger counts are measured per render).
    let noteCosts: [[Int]]
    /// True when the counter's counts add up over line-start segments (see `TokenTally`).
    let countsAddUpByLine: Bool
    /// Counts of the segments of the body's fixed texts (the frame, each section's heading).
    let fixedSegments: SegmentCounts

    public init(template: PromptTemplate, counter: any TokenCounter) {
        self.template = template
        self.counter = counter
        countsAddUpByLine = TokenTally.isAdditive(counter)
        noteCosts = template.sections.map { SectionCandidates.noteCosts($0, upTo: 32, counter: counter) }
        let frame = template.renderBody([])
        frameTokens = counter.count(frame)
        let alone = template.sections.map { plan in
            template.renderBody([RenderedSection(plan: plan, items: [], note: nil, omitted: 0)])
        }
        overheads = alone.map { alone in
            let extra = alone.remainder(after: frame) ?? alone
            return counter.count(extra) + 1
        }
        fixedSegments = TokenTally.segmentCounts(of: [frame] + alone, counter: counter)
    }

    /// Renders `input` within `budget` tokens (the template's default budget when nil).
    ///
    /// - Throws: `PromptCompileError.overBudget` when required content does not fit and `overflow` is
    ///   `.fail`; `.budgetBelowMinimum` when not even the template's fixed text fits; `.unknownSection` /
    ///   `.unknownKind` for input the template cannot place; `.structure` if the output failed verification.
    public func render(_ input: PromptInput, budget: Int? = nil, overflow: OverflowMode = .fail) throws(PromptCompileError) -> PromptResult {
        let budget = budget ?? template.defaultBudget
        for id in input.sections.keys.sorted() where template.section(id) == nil {
            throw .unknownSection(id)
        }
        let tally = TokenTally(counter: counter, additive: countsAddUpByLine, knownSegments: fixedSegments)
        let scratch = RenderScratch()
        let all = template.sections.enumerated().map { index, plan in
            SectionCandidates(plan: plan, section: input.sections[plan.id], overhead: overheads[index],
                              knownNoteCosts: noteCosts[index], tally: tally, scratch: scratch)
        }
        let stable = all.filter(\.plan.isStable)
        let volatile = all.filter { !$0.plan.isStable }
        let reserve = volatile.reduce(0) { $0 + $1.plan.floor }

        // Stable block: depends only on the stable sections, the budget and the volatile floors (constants).
        var marker = false
        var stablePass = try renderBlock(stable, tally: tally, scratch: scratch, limit: budget - reserve, prefix: nil)
        let missing = try missingRequired(stable, stablePass.allocation)
        if !missing.isEmpty {
            switch overflow {
            case .fail:
                throw .overBudget(needed: try requiredTokens(stable) + reserve, budget: budget, sections: missing, reserved: reserve)
            case .cutWithMarker:
                marker = true
                stablePass = try renderBlock(stable, tally: tally, scratch: scratch, limit: budget - reserve - markerTokens, prefix: nil)
            }
        }
        let stableText = stablePass.text
        let stableTokens = stablePass.tokens
        let minimum = stableTokens + (marker ? markerTokens : 0)
        if stablePass.allocation.isEmpty, minimum > budget {
            throw .budgetBelowMinimum(needed: minimum, budget: budget)
        }
        // Volatile allowance: what the stable block left, or exactly the reserve when the stable block was cut
        // (so that the allowance never shrinks as the budget grows).
        let leftover = budget - stableTokens - (marker ? markerTokens : 0)
        let allowance = stablePass.cut ? min(reserve, leftover) : leftover

        let volatilePass = try renderBlock(
            volatile, tally: tally, scratch: scratch, limit: allowance, prefix: (stable: stablePass, budget: budget, marker: marker))
        let markdown = volatilePass.text
        guard let volatileText = volatilePass.ownText else { throw .unstablePrefix }

        let present = stablePass.present + volatilePass.present
        do {
            try StructureGuard.verify(markdown, frame: template.frame, sections: present.map(\.expected), marker: marker)
        } catch {
            throw .structure(error)
        }
        let total = volatilePass.wholeTokens
        let volatileTokens = volatilePass.tokens
        // The tally (segment sums, or whole counts for a non-additive counter) must equal a fresh whole count.
        // Debug builds check it on every render; PropertyTests checks it in every build, for every encoding.
        assert(counter.count(markdown) == total && counter.count(stableText) == stableTokens
               && counter.count(volatileText) == volatileTokens,
               "token tally differs from a fresh count of the final markdown (\(counter.name))")
        let report = BudgetReport(
            template: template.name, tokenizer: counter.name, estimate: counter.isEstimate, budget: budget,
            tokens: total, headroom: max(0, budget - total), stableTokens: stableTokens, volatileTokens: volatileTokens,
            overflowCut: marker,
            sections: sectionReports(stable, stablePass.allocation) + sectionReports(volatile, volatilePass.allocation))
        return PromptResult(
            markdown: markdown,
            blocks: [
                PromptBlock(name: "stable", markdown: stableText, tokens: stableTokens),
                PromptBlock(name: "volatile", markdown: volatileText, tokens: volatileTokens),
            ],
            tokens: total, budget: budget, tokenizer: counter.name, template: template.name, report: report)
    }

    // MARK: - Blocks

    struct BlockPass {
        var allocation: BlockAllocation
        /// Sections in document order (this block's, in the same order as `allocation.sections` is not).
        var present: [RenderedSection]
        var text: String
        /// For the volatile pass, `text` after the stable block's text; nil when `text` does not begin with it.
        var ownText: String?
        var tokens: Int
        /// Exact tokens of `text` (for the stable pass, the same as `tokens`).
        var wholeTokens: Int
        /// True when the allowance, not only caps, limited the block, or the exact count forced a step down.
        var cut: Bool
    }

    var markerTokens: Int { counter.count("\n\n" + template.overflowMarker + "\n") }

    /// Allocates `sections` within `limit` and renders them, stepping down until the exact count fits.
    ///
    /// Without `prefix` this renders the stable block alone and checks its exact count against `limit`.
    /// With `prefix` it renders the whole prompt (stable sections of `prefix`, these, and the marker) and
    /// checks both the volatile text against `limit` and the whole against the budget. Each step down goes
    /// to the next smaller allocation (`peak - 1`), so the result is the largest allocation that fits: a
    /// larger limit can only give a larger one.
    private func renderBlock(
        _ sections: [SectionCandidates], tally: TokenTally, scratch: RenderScratch, limit: Int, prefix: (stable: BlockPass, budget: Int, marker: Bool)?
    ) throws(PromptCompileError) -> BlockPass {
        let ordered = sections.indices.sorted { a, b in
            sections[a].plan.priority != sections[b].plan.priority
                ? sections[a].plan.priority > sections[b].plan.priority : a < b
        }
        let allocator = Allocator(sections: ordered.map { sections[$0] })
        var allowance = limit - (prefix == nil ? frameTokens : 0)
        var steppedDown = false
        while true {
            let allocation = try allocator.allocate(allowance: max(0, allowance))
            // Back to this block's document order.
            var inOrder = Array(repeating: SectionAllocation(), count: sections.count)
            for (rank, index) in ordered.enumerated() { inOrder[index] = allocation.sections[rank] }
            var documentAllocation = allocation
            documentAllocation.sections = inOrder
            let present = try rendered(sections, inOrder)
            let pass: BlockPass
            if let prefix {
                var (text, tail) = template.renderBody(prefix.stable.present + present, after: prefix.stable.text, scratch: scratch)
                if prefix.marker {
                    let marker = markerSeparator(after: text) + template.overflowMarker + (text.hasSuffix("\n") ? "\n" : "")
                    text += marker
                    tail = tail.map { $0 + marker }
                }
                let own = tail ?? text
                let ownTokens = own.isEmpty ? 0 : tally.count(own, lines: present)
                let wholeTokens = tail == nil
                    ? tally.count(text, lines: prefix.stable.present + present)
                    : tally.count(text, head: prefix.stable.text, headTokens: prefix.stable.tokens,
                                  tailTokens: ownTokens, lines: prefix.stable.present + present)
                pass = BlockPass(allocation: documentAllocation, present: present, text: text, ownText: tail,
                                 tokens: ownTokens, wholeTokens: wholeTokens, cut: allocation.cutByBudget || steppedDown)
                if allocation.isEmpty || (ownTokens <= limit && wholeTokens <= prefix.budget) { return pass }
            } else {
                let text = template.renderBody(present, scratch: scratch)
                let tokens = tally.count(text, lines: present)
                pass = BlockPass(allocation: documentAllocation, present: present, text: text, ownText: nil,
                                 tokens: tokens, wholeTokens: tokens, cut: allocation.cutByBudget || steppedDown)
                if allocation.isEmpty || tokens <= limit { return pass }
            }
            steppedDown = true
            allowance = allocation.peak - 1
        }
    }

    private func markerSeparator(after text: String) -> String {
        text.hasSuffix("\n") ? "\n" : "\n\n"
    }

    /// The sections with kept items, in document order, rendered with their notes.
    private func rendered(_ sections: [SectionCandidates], _ allocations: [SectionAllocation]) throws(PromptCompileError) -> [RenderedSection] {
        var result: [RenderedSection] = []
        result.reserveCapacity(sections.count)
        for (section, allocation) in zip(sections, allocations) where allocation.kept > 0 {
            let kept = section.rendered[0..<allocation.whole].filter(\.addsLine)
            var lines = kept.map(\.line)
            var itemTokens = kept.map(\.tokens)
            if let cut = allocation.truncated {
                lines.append(cut.line)
                itemTokens.append(cut.tokens)
            }
            let omittedByCompiler = section.items.count - allocation.kept - section.empties.count
            let omitted = omittedByCompiler + section.excludedByLimit
            let showNote = section.plan.omission != nil
                && (omittedByCompiler > 0 || (section.plan.omission?.trigger == .any && section.excludedByLimit > 0))
            result.append(RenderedSection(
                plan: section.plan, lines: lines,
                note: showNote ? section.plan.renderNote(omitted: omitted) : nil, omitted: omitted, itemTokens: itemTokens))
        }
        return result
    }

    // MARK: - Required content

    /// Ids of required sections whose floor content was not kept whole.
    private func missingRequired(_ sections: [SectionCandidates], _ allocation: BlockAllocation) throws(PromptCompileError) -> [String] {
        var missing: [String] = []
        for (section, kept) in zip(sections, allocation.sections) where section.plan.required {
            if try floorCount(section) > kept.whole { missing.append(section.plan.id) }
        }
        return missing
    }

    /// How many leading items fit whole within the section's floor.
    private func floorCount(_ section: SectionCandidates) throws(PromptCompileError) -> Int {
        var count = 0
        var sum = section.overhead
        while let candidate = try section.candidate(count) {
            let note = try section.needsNote(keepingThrough: count) ? section.noteCost : 0
            if sum + candidate.tokens + note > section.plan.floor { break }
            sum += candidate.tokens
            count += 1
        }
        return count
    }

    /// Exact tokens of the stable block holding only the required sections' floor content.
    private func requiredTokens(_ sections: [SectionCandidates]) throws(PromptCompileError) -> Int {
        var present: [RenderedSection] = []
        for section in sections where section.plan.required {
            let count = try floorCount(section)
            guard count > 0 else { continue }
            present.append(RenderedSection(plan: section.plan, lines: section.rendered[0..<count].filter(\.addsLine).map(\.line), note: nil, omitted: 0))
        }
        return counter.count(template.renderBody(present))
    }

    // MARK: - Report

    private func sectionReports(_ sections: [SectionCandidates], _ allocation: BlockAllocation) -> [SectionReport] {
        zip(sections, allocation.sections).map { section, kept in
            var explicit: [(index: Int, reason: OmissionReason)] = section.empties.map { ($0, .empty) }
            // Rendered candidates after the kept ones, then the never-rendered tail, share the stop reason.
            // Candidates are in input order and the kept ones are the first `kept.whole` plus the cut one.
            let reason = kept.stop ?? .budget
            let cut = kept.truncated?.index
            for candidate in section.rendered.dropFirst(kept.whole) where candidate.index != cut {
                explicit.append((candidate.index, reason))
            }
            explicit.sort { $0.index < $1.index }
            let renderedUpTo = (section.rendered.last?.index ?? -1) + 1
            let lastEmpty = (section.empties.last ?? -1) + 1
            let tailStart = max(renderedUpTo, lastEmpty)
            let tail: (from: Int, reason: OmissionReason)? = tailStart < section.items.count ? (tailStart, reason) : nil
            var counts = OmissionCounts()
            for entry in explicit { counts.add(1, for: entry.reason) }
            if let tail { counts.add(section.items.count - tail.from, for: tail.reason) }
            counts.add(section.excludedByLimit, for: .limit)
            let omittedByCompiler = (counts[.budget] ?? 0) + (counts[.cap] ?? 0)
            let note = kept.kept > 0 && section.plan.omission != nil
                && (omittedByCompiler > 0 || (section.plan.omission?.trigger == .any && section.excludedByLimit > 0))
            return SectionReport(
                id: section.plan.id, heading: section.plan.heading, block: section.plan.isStable ? "stable" : "volatile",
                priority: section.plan.priority, floor: section.plan.floor, cap: section.plan.cap,
                available: section.items.count, kept: kept.kept,
                truncated: kept.truncated.map { [section.items[$0.index].key] } ?? [],
                omitted: counts, note: note, tokens: kept.used,
                items: section.items, explicitOmissions: explicit, tail: tail,
                rendered: section.rendered, keptWhole: kept.whole, cutCandidate: kept.truncated, plan: section.plan)
        }
    }
}

extension String {
    /// The text after `prefix` when `self` starts with it byte for byte (compared as UTF-8, not as characters).
    func remainder(after prefix: String) -> String? {
        let length = prefix.utf8.count
        // Contiguous (native) strings compare as byte buffers; the generic comparison below is far slower.
        let same: Bool? = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            prefix.utf8.withContiguousStorageIfAvailable { start in bytes.starts(withBytesOf: start) }
        } ?? nil
        guard same ?? utf8.starts(with: prefix.utf8) else { return nil }
        // `prefix` is valid UTF-8, so its end is a scalar boundary here too: the slice copies without revalidating.
        return String(self[utf8.index(utf8.startIndex, offsetBy: length)...])
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether these bytes begin with `head`'s, compared with `memcmp`.
    func starts(withBytesOf head: UnsafeBufferPointer<UInt8>) -> Bool {
        head.count <= count && (head.count == 0 || memcmp(baseAddress!, head.baseAddress!, head.count) == 0)
    }
}
