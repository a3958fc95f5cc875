import Mustache
import Yams

/// Reads one entry of the front matter's `sections` list into a `SectionPlan`.
struct SectionPlanReader {
    let reader: FrontMatterReader

    static let keys: Set<String> = [
        "id", "heading", "priority", "floor", "cap", "required", "style", "truncate", "item", "omission",
    ]

    func read(_ node: Node, isStable: Bool) throws(TemplateError) -> SectionPlan {
        let map = try reader.mapping(node, key: "sections[]", allowed: Self.keys)
        let id = try reader.requiredString(map, "id", at: node)
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw reader.error(map["id"], .invalidValue(key: "id", expected: "letters, digits and '_'"))
        }
        guard let heading = try reader.string(map["heading"], key: "heading"), !heading.isEmpty else {
            throw reader.error(map["heading"] ?? node, .sectionWithoutHeading(id))
        }
        let floor = try reader.int(map["floor"], key: "floor", minimum: 0) ?? 0
        let cap = try reader.int(map["cap"], key: "cap", minimum: 1)
        if let cap, floor > cap {
            throw reader.error(map["floor"], .inconsistentRules("section '\(id)' has a floor (\(floor)) above its cap (\(cap))"))
        }
        let style = try reader.choice(map["style"], key: "style", as: SectionPlan.Style.self, options: "list or lines") ?? .list
        let omission = try readOmission(map["omission"], style: style)
        let items = try readItems(map["item"], parent: node, id: id)
        var blanks: [String: String] = [:]
        switch items {
        case .single(let template):
            blanks[""] = template.render(.fields([:]))
        case .byKind(let templates):
            for (kind, template) in templates { blanks[kind] = template.render(.fields(["kind": kind])) }
        }
        return SectionPlan(
            id: id,
            heading: heading,
            priority: try reader.int(map["priority"], key: "priority", minimum: Int.min) ?? 0,
            floor: floor,
            cap: cap,
            required: try reader.bool(map["required"], key: "required") ?? false,
            style: style,
            truncation: try readTruncation(map["truncate"]),
            omission: omission,
            isStable: isStable,
            itemTemplates: items,
            blankRenderings: blanks,
            fieldNames: fieldNames(map["item"]),
            headingOnlyKinds: headingOnlyKinds(map["item"])
        )
    }

    /// The kinds whose template is the empty string (see `SectionPlan.headingOnlyKinds`).
    private func headingOnlyKinds(_ node: Node?) -> Set<String> {
        Set((node?.mapping ?? [:]).compactMap { entry in entry.value.string == "" ? entry.key.string : nil })
    }

    private func fieldNames(_ node: Node?) -> [String] {
        let sources = node?.mapping.map { $0.map { $0.value.string ?? "" } } ?? [node?.string ?? ""]
        let names = sources.flatMap { MustacheTag.scan($0) }
            .filter { [.variable, .section, .invertedSection].contains($0.kind) && $0.name != "." }
            .map(\.name)
        return Array(Set(names)).sorted()
    }

    private func readTruncation(_ node: Node?) throws(TemplateError) -> SectionPlan.Truncation? {
        guard let node else { return nil }
        let map = try reader.mapping(node, key: "truncate", allowed: ["field", "min_tokens"])
        return SectionPlan.Truncation(
            field: try reader.requiredString(map, "field", at: node),
            minTokens: try reader.int(map["min_tokens"], key: "min_tokens", minimum: 1) ?? 4
        )
    }

    private func readOmission(_ node: Node?, style: SectionPlan.Style) throws(TemplateError) -> SectionPlan.OmissionNote? {
        guard let node else { return nil }
        let map = try reader.mapping(node, key: "omission", allowed: ["one", "other", "placement", "when"])
        let one = try reader.requiredString(map, "one", at: node)
        let other = try reader.string(map["other"], key: "other") ?? one
        let placement = try reader.choice(
            map["placement"], key: "placement", as: SectionPlan.OmissionNote.Placement.self,
            options: "paragraph, line or item") ?? .paragraph
        if placement == .item, style == .lines {
            throw reader.error(map["placement"], .inconsistentRules("a note placed as an 'item' needs a list section"))
        }
        return SectionPlan.OmissionNote(
            placement: placement,
            trigger: try reader.choice(map["when"], key: "when", as: SectionPlan.OmissionNote.Trigger.self, options: "any or budget") ?? .any,
            one: try compileNote(one, node: map["one"]),
            other: try compileNote(other, node: map["other"] ?? map["one"])
        )
    }

    private func compileNote(_ source: String, node: Node?) throws(TemplateError) -> CompiledMustache {
        try compileValueTemplate(source, node: node, key: "omission", allowed: ["omitted"])
    }

    private func readItems(_ node: Node?, parent: Node, id: String) throws(TemplateError) -> SectionPlan.ItemTemplates {
        guard let node else { throw reader.error(parent, .missingKey("item")) }
        if node.scalar != nil {
            return .single(try compileValueTemplate(node.string ?? "", node: node, key: "item", allowed: nil))
        }
        guard let mapping = node.mapping, !mapping.isEmpty else {
            throw reader.error(node, .invalidValue(key: "item", expected: "a template, or a mapping from kind to template"))
        }
        var byKind: [String: CompiledMustache] = [:]
        for (key, value) in mapping {
            guard let kind = key.string, let source = value.string else {
                throw reader.error(value, .invalidValue(key: "item", expected: "a mapping from kind to template"))
            }
            byKind[kind] = try compileValueTemplate(source, node: value, key: "item", allowed: nil)
        }
        return .byKind(byKind)
    }

    /// Compiles an item or note template; such templates may only interpolate through the sanitizer.
    private func compileValueTemplate(_ source: String, node: Node?, key: String, allowed: Set<String>?) throws(TemplateError) -> CompiledMustache {
        for tag in MustacheTag.scan(source) {
            switch tag.kind {
            case .variable, .section, .invertedSection, .close, .comment:
                if let allowed, tag.kind != .close, tag.kind != .comment, !allowed.contains(tag.name) {
                    throw reader.error(node, .unknownName(tag.name))
                }
            case .triple, .ampersand:
                throw reader.error(node, .unsafeTag("'\(tag.name)' in an \(key) template must be interpolated as {{\(tag.name)}}, through the sanitizer"))
            case .partial, .parent, .block, .pragma, .delimiter:
                throw reader.error(node, .unsafeTag("partials, blocks, pragmas and delimiter changes are not part of the template language"))
            }
        }
        do {
            return CompiledMustache(try MarkdownMustache.compile(source))
        } catch {
            throw reader.error(node, .mustache(error.detail))
        }
    }
}
