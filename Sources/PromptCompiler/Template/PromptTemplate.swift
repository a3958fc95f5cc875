import Mustache
import Yams

/// A compiled template: the immutable plan every render follows.
///
/// Compile once (`init(source:file:)` or `init(contentsOfFile:)`), then render many inputs with a
/// `PromptRenderer`. A template file is a YAML front matter between two `---` lines, then a Mustache body;
/// see `templates/working-memory.md` for the language.
public struct PromptTemplate: Sendable {
    /// The template's name from its front matter, e.g. `working-memory`.
    public let name: String
    /// The file name given when compiling; errors and reports name it.
    public let file: String
    /// The budget used when the caller names none.
    public let defaultBudget: Int
    /// The token counter the template is designed for, e.g. `o200k_base`.
    public let tokenizer: String
    /// The id of the last stable section; sections after it form the volatile block. Nil: all stable.
    public let cacheBreakpoint: String?
    /// The sections in document order.
    public let sections: [SectionPlan]
    /// The line shown at the end when the explicit overflow mode cut required content.
    public let overflowMarker: String

    let body: CompiledMustache
    /// The blocks the body renders with no section present (e.g. the `## Working Memory` heading).
    let frame: [MarkdownBlock]

    /// Reads and compiles the template file at `path`.
    public init(contentsOfFile path: String) throws(TemplateError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TemplateError(file: path, line: nil, problem: .invalidValue(key: "file", expected: "a readable UTF-8 file"))
        }
        try self.init(source: text, file: path)
    }

    /// Compiles a template from its text; `file` names it in errors.
    public init(source: String, file: String) throws(TemplateError) {
        guard let split = TemplateSource(source) else {
            throw TemplateError(file: file, line: 1, problem: .missingFrontMatter)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: split.frontMatter) else {
                throw TemplateError(file: file, line: split.frontMatterLine, problem: .missingKey("name"))
            }
            root = node
        } catch let error as TemplateError {
            throw error
        } catch let error as YamlError {
            throw TemplateError(file: file, line: Self.line(of: error).map { $0 + split.frontMatterLine - 1 },
                                problem: .invalidYAML(Self.problem(of: error)))
        } catch {
            throw TemplateError(file: file, line: split.frontMatterLine, problem: .invalidYAML("\(error)"))
        }
        let reader = FrontMatterReader(file: file, lineOffset: split.frontMatterLine - 1)
        let top = try reader.mapping(root, key: "front matter", allowed: [
            "name", "budget", "tokenizer", "cache_breakpoint", "overflow_marker", "sections",
        ])
        self.file = file
        name = try reader.requiredString(top, "name", at: root)
        guard let budget = try reader.int(top["budget"], key: "budget", minimum: 1) else {
            throw reader.error(root, .missingKey("budget"))
        }
        defaultBudget = budget
        tokenizer = try reader.string(top["tokenizer"], key: "tokenizer") ?? "o200k_base"
        overflowMarker = try reader.string(top["overflow_marker"], key: "overflow_marker")
            ?? "… (working memory cut to fit its token budget)"
        cacheBreakpoint = try reader.string(top["cache_breakpoint"], key: "cache_breakpoint")

        guard let sectionsNode = top["sections"] else { throw reader.error(root, .missingKey("sections")) }
        guard let sectionNodes = sectionsNode.sequence.map({ Array($0) }), !sectionNodes.isEmpty else {
            throw reader.error(sectionsNode, .invalidValue(key: "sections", expected: "a non-empty list"))
        }
        let ids = sectionNodes.compactMap { $0["id"]?.string }
        if let breakpoint = cacheBreakpoint, !ids.contains(breakpoint) {
            throw reader.error(top["cache_breakpoint"], .unknownSection(breakpoint))
        }
        let stableCount = cacheBreakpoint.flatMap { ids.firstIndex(of: $0) }.map { $0 + 1 } ?? sectionNodes.count
        var sections: [SectionPlan] = []
        for (index, node) in sectionNodes.enumerated() {
            let section = try SectionPlanReader(reader: reader).read(node, isStable: index < stableCount)
            if sections.contains(where: { $0.id == section.id }) {
                throw reader.error(node, .duplicateSection(section.id))
            }
            sections.append(section)
        }
        try Self.checkPriorities(sections, reader: reader, nodes: sectionNodes)
        self.sections = sections

        try Self.checkBodyTags(split.body, sections: sections, file: file, firstLine: split.bodyLine)
        do {
            body = CompiledMustache(try MarkdownMustache.compile(split.body))
        } catch {
            throw TemplateError(file: file, line: split.bodyLine + error.line - 1, problem: .mustache(error.detail))
        }
        frame = CmarkParser.parse(body.render(.object([:]))).blocks
        try LayoutCheck(template: self).run()
    }

    /// The section with `id`, if declared.
    public func section(_ id: String) -> SectionPlan? {
        sections.first { $0.id == id }
    }

    private static func checkPriorities(_ sections: [SectionPlan], reader: FrontMatterReader, nodes: [Node]) throws(TemplateError) {
        let lowestStable = sections.filter(\.isStable).map(\.priority).min() ?? Int.max
        for (section, node) in zip(sections, nodes) where !section.isStable {
            if section.priority > lowestStable {
                throw reader.error(node, .inconsistentRules(
                    "section '\(section.id)' is after the cache breakpoint but its priority \(section.priority) "
                        + "outranks a stable section (\(lowestStable)); volatile content may not take precedence over the stable block"))
            }
            if section.required {
                throw reader.error(node, .inconsistentRules(
                    "section '\(section.id)' is after the cache breakpoint and cannot be required"))
            }
        }
    }

    /// Names the body may use besides section ids, and which of them hold rendered markdown.
    static let bodySectionNames: Set<String> = ["sections", "items", "note", "first", "last"]
    static let bodyVariables: Set<String> = ["id", "heading", "omitted", "kept", "."]
    static let renderedMarkdownNames: Set<String> = ["item", "note"]

    private static func checkBodyTags(_ body: String, sections: [SectionPlan], file: String, firstLine: Int) throws(TemplateError) {
        let ids = Set(sections.map(\.id))
        for tag in MustacheTag.scan(body) {
            let line = firstLine + tag.line - 1
            func fail(_ problem: TemplateError.Problem) -> TemplateError { TemplateError(file: file, line: line, problem: problem) }
            switch tag.kind {
            case .comment, .close:
                continue
            case .section, .invertedSection:
                if !ids.contains(tag.name), !bodySectionNames.contains(tag.name) { throw fail(.unknownSection(tag.name)) }
            case .variable:
                if renderedMarkdownNames.contains(tag.name) {
                    throw fail(.unsafeTag("'{{\(tag.name)}}' would escape markdown that is already rendered: write '{{{\(tag.name)}}}'"))
                }
                if !bodyVariables.contains(tag.name) { throw fail(.unknownName(tag.name)) }
            case .triple, .ampersand:
                if !renderedMarkdownNames.contains(tag.name) {
                    throw fail(.unsafeTag("only 'item' and 'note' may be interpolated without the sanitizer, not '\(tag.name)'"))
                }
            case .partial, .parent, .block, .pragma, .delimiter:
                throw fail(.unsafeTag("partials, blocks, pragmas and delimiter changes are not part of the template language"))
            }
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
