/// Why a prompt could not be rendered; each case carries what the caller needs to fix it.
public enum PromptCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Required content does not fit: `needed` tokens against `budget` (raise the budget, or render
    /// with `OverflowMode.cutWithMarker`).
    case overBudget(needed: Int, budget: Int, sections: [String], reserved: Int)
    /// Even the template's fixed text (its frame), or the overflow marker with it, exceeds the budget.
    case budgetBelowMinimum(needed: Int, budget: Int)
    /// The input has a section the template does not declare.
    case unknownSection(String)
    /// An item's `kind` field names no item template of its section.
    case unknownKind(section: String, kind: String?, key: String)
    /// The rendered markdown does not have the planned structure (a bug: nothing is returned).
    case structure(StructureError)
    /// The body rendered the stable sections differently once volatile ones were added (a template bug).
    case unstablePrefix

    public var description: String {
        switch self {
        case .overBudget(let needed, let budget, let sections, let reserved):
            return "required content needs \(needed) tokens (\(needed - reserved) for the fixed text and the required "
                + "section(s) \(sections.joined(separator: ", ")), \(reserved) reserved for the floors of the sections after "
                + "the cache breakpoint) but the budget is \(budget); raise the budget or render with the explicit overflow mode"
        case .budgetBelowMinimum(let needed, let budget):
            return "the template's fixed text needs \(needed) tokens but the budget is \(budget)"
        case .unknownSection(let id):
            return "the input has section '\(id)', which the template does not declare"
        case .unknownKind(let section, let kind, let key):
            return "item '\(key)' of section '\(section)' has kind '\(kind ?? "(none)")', which has no item template"
        case .structure(let error):
            return error.description
        case .unstablePrefix:
            return "the template renders the stable sections differently when volatile sections are present"
        }
    }
}

/// What to do when required content does not fit the budget.
public enum OverflowMode: String, Sendable, CaseIterable {
    /// Throw `PromptCompileError.overBudget` naming what was needed and the budget (the default).
    case fail
    /// Keep what fits and end the prompt with the template's visible overflow marker.
    case cutWithMarker = "cut"
}
