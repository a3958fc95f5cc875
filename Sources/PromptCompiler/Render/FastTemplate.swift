import Mustache

/// A compact interpreter for the Mustache subset templates use, built from swift-mustache's parse.
///
/// swift-mustache parses (and reports syntax errors with lines); its renderer, built on reflection and
/// dynamic casts, dominated render time. swift-mustache exposes no syntax tree, so `init?` reads its
/// token tree through `Mirror` and accepts only text, variables, sections, inverted sections and the
/// content-type pragma, without transforms; anything else returns nil and the caller renders with
/// swift-mustache itself. Semantics follow swift-mustache 2.1.1 for these tokens (context-stack lookup,
/// dotted names, lists iterate, booleans gate, any other present value is truthy and pushed); templates are
/// checked equal to swift-mustache on sample data at compile time and on random data in the tests.
struct FastTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(path: [TemplateName], escaped: Bool)
        case section(path: [TemplateName], inverted: Bool, body: [Node])
    }

    let nodes: [Node]
    /// The same template for an item's fields, when its tags all name single fields.
    let fieldTemplate: FieldTemplate?

    init?(_ template: MustacheTemplate) {
        guard let nodes = Self.convert(template) else { return nil }
        self.nodes = nodes
        fieldTemplate = FieldTemplate(nodes)
    }

    private static func convert(_ template: MustacheTemplate) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return nil
        }
        var nodes: [Node] = []
        for token in tokens {
            guard let (label, payload) = Mirror(reflecting: token).children.first.map({ ($0.label, $0.value) }) else { return nil }
            let fields = Dictionary(Mirror(reflecting: payload).children.compactMap { child in child.label.map { ($0, child.value) } },
                                    uniquingKeysWith: { first, _ in first })
            let name = fields["name"] as? String
            let transforms = fields["transforms"] as? [String] ?? []
            guard transforms.isEmpty else { return nil }
            switch label {
            case "text":
                guard let text = payload as? String else { return nil }
                nodes.append(.text(Array(text.utf8)))
            case "variable", "unescapedVariable":
                guard let name else { return nil }
                nodes.append(.variable(path: path(name), escaped: label == "variable"))
            case "section", "invertedSection":
                guard let name, let inner = fields["template"] as? MustacheTemplate, let body = convert(inner) else { return nil }
                nodes.append(.section(path: path(name), inverted: label == "invertedSection", body: body))
            case "contentType":
                continue  // every template compiles under the markdown content type: escaped means sanitized
            default:
                return nil
            }
        }
        return nodes
    }

    private static func path(_ name: String) -> [TemplateName] {
        name == "." ? [TemplateName(".")] : name.split(separator: ".").map { TemplateName(String($0)) }
    }

    /// Renders with `root` as the only context object.
    ///
    /// `textIsClean`: every text value reachable from `root` is already cleaned (`Sanitizer.clean`), so
    /// escaping it suffices; the output is the same bytes either way, as cleaning is idempotent.
    ///
    /// `scratch`: buffers to assemble in, reused across renders (nil: fresh ones).
    func render(_ root: MustacheValue, textIsClean: Bool = false, scratch: RenderScratch? = nil) -> String {
        let scratch = scratch ?? RenderScratch()
        renderBytes(root, textIsClean: textIsClean, scratch: scratch)
        return scratch.bytes.string
    }

    /// Renders into `scratch.bytes`, which it empties first: the output is assembled as UTF-8 and copied
    /// once by the caller, where appending strings piece by piece cost several times more.
    func renderBytes(_ root: MustacheValue, textIsClean: Bool, scratch: RenderScratch) {
        scratch.bytes.removeAll()
        if let fieldTemplate, case .fields(let fields) = root {
            fieldTemplate.render(fields, textIsClean: textIsClean, into: scratch.bytes)
            return
        }
        scratch.stack.append(root)
        Self.render(nodes, stack: &scratch.stack, textIsClean: textIsClean, into: scratch.bytes)
        scratch.stack.removeAll(keepingCapacity: true)
    }

    private static func render(_ nodes: [Node], stack: inout [MustacheValue], textIsClean: Bool, into out: UTF8OutputBuffer) {
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(text)
            case .variable(let path, let escaped):
                guard let value = lookup(path, in: stack) else { continue }
                if !escaped, case .itemText(let line) = value {
                    line.withTextBytes(out.append)
                    continue
                }
                if escaped, textIsClean, case .text(let text) = value {
                    out.append(Sanitizer.escape(text))
                    continue
                }
                let text = describe(value)
                out.append(escaped ? Sanitizer.sanitize(text) : text)
            case .section(let path, let inverted, let body):
                let value = lookup(path, in: stack)
                if inverted {
                    switch value {
                    case nil, .flag(false)?: render(body, stack: &stack, textIsClean: textIsClean, into: out)
                    case let list? where list.listCount == 0:
                        render(body, stack: &stack, textIsClean: textIsClean, into: out)
                    default: break
                    }
                    continue
                }
                switch value {
                case nil, .flag(false)?:
                    break
                case .flag(true)?:
                    render(body, stack: &stack, textIsClean: textIsClean, into: out)
                case let value?:
                    guard let count = value.listCount else {
                        stack.append(value)
                        render(body, stack: &stack, textIsClean: textIsClean, into: out)
                        stack.removeLast()
                        continue
                    }
                    for position in 0..<count {
                        stack.append(value.listEntry(position))
                        render(body, stack: &stack, textIsClean: textIsClean, into: out)
                        stack.removeLast()
                    }
                }
            }
        }
    }

    private static func lookup(_ path: [TemplateName], in stack: [MustacheValue]) -> MustacheValue? {
        guard !path.isEmpty else { return nil }
        if path.count == 1, path[0].isDot { return stack.last }
        // Indices rather than `for in`: elements are read in place, not copied out one by one.
        var index = stack.count
        while index > 0 {
            index -= 1
            guard var current = stack[index].member(path[0]) else { continue }
            var position = 1
            while position < path.count {
                guard let next = current.member(path[position]) else { return nil }
                current = next
                position += 1
            }
            return current
        }
        return nil
    }

    private static func describe(_ value: MustacheValue) -> String {
        switch value {
        case .text(let text): return text
        case .itemText(let line): return line.string
        case .number(let number): return String(number)
        case .flag(let flag): return flag ? "true" : "false"
        case .list, .object, .fields, .listItem, .body, .section, .sections, .items:
            return String(describing: value.foundationValue)
        }
    }
}

/// A compiled Mustache template: the fast interpreter when it applies, swift-mustache otherwise.
///
/// A class: a render looks templates up for every item, and passing one reference costs less than copying
/// the template's parts (a retain each).
final class CompiledMustache: Sendable {
    let reference: MustacheTemplate
    let fast: FastTemplate?

    init(_ template: MustacheTemplate) {
        reference = template
        fast = FastTemplate(template)
    }

    /// `textIsClean`, `scratch`: see `FastTemplate.render(_:textIsClean:scratch:)`; the same bytes either way.
    func render(_ value: MustacheValue, textIsClean: Bool = false, scratch: RenderScratch? = nil) -> String {
        if let fast { return fast.render(value, textIsClean: textIsClean, scratch: scratch) }
        return reference.render(value.foundationValue)
    }

    /// The rendering as an item's line (its UTF-8 and a line break), without making a `String` of it.
    func renderLine(_ value: MustacheValue, textIsClean: Bool, scratch: RenderScratch) -> ItemLine {
        guard let fast else { return ItemLine(reference.render(value.foundationValue)) }
        fast.renderBytes(value, textIsClean: textIsClean, scratch: scratch)
        return scratch.bytes.withBytes { ItemLine(text: $0) }
    }

    /// swift-mustache's own rendering, for differential checks.
    func renderWithReference(_ value: MustacheValue) -> String {
        reference.render(value.foundationValue)
    }
}
