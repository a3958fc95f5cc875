/// An item template whose tags all name single fields, rendered from an item's fields with no context stack.
///
/// An item renders with its fields as the only context. There, a tag naming one field resolves to that field
/// whatever sections enclose it: a section pushes the field's text, which has no members, so the lookup
/// falls through to the fields. `{{name}}` is the field or nothing, `{{#name}}…{{/name}}` renders its body
/// once when the field is present, and `{{^name}}…{{/name}}` when it is absent. That is exactly what
/// `FastTemplate` (and swift-mustache) render for such a template, found here without walking a stack or
/// wrapping values. Templates with `.` or dotted names are not field templates and take the general path.
struct FieldTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case field(String, escaped: Bool)
        case section(String, inverted: Bool, body: [Node])
    }

    let nodes: [Node]

    /// Nil when some tag is `.` or a dotted name.
    init?(_ nodes: [FastTemplate.Node]) {
        guard let converted = Self.convert(nodes) else { return nil }
        self.nodes = converted
    }

    private static func convert(_ nodes: [FastTemplate.Node]) -> [Node]? {
        var converted: [Node] = []
        for node in nodes {
            switch node {
            case .text(let bytes):
                converted.append(.text(bytes))
            case .variable(let path, let escaped):
                guard path.count == 1, !path[0].isDot else { return nil }
                converted.append(.field(path[0].text, escaped: escaped))
            case .section(let path, let inverted, let body):
                guard path.count == 1, !path[0].isDot, let inner = convert(body) else { return nil }
                converted.append(.section(path[0].text, inverted: inverted, body: inner))
            }
        }
        return converted
    }

    /// Appends the rendering of `fields` to `out`.
    ///
    /// `textIsClean`: see `FastTemplate.render(_:textIsClean:scratch:)`.
    func render(_ fields: [String: String], textIsClean: Bool, into out: UTF8OutputBuffer) {
        Self.render(nodes, fields, textIsClean: textIsClean, into: out)
    }

    private static func render(_ nodes: [Node], _ fields: [String: String], textIsClean: Bool, into out: UTF8OutputBuffer) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(bytes)
            case .field(let name, let escaped):
                guard let value = fields.value(comparingKeysWith: name) else { continue }
                if !escaped {
                    out.append(value)
                } else {
                    out.append(textIsClean ? Sanitizer.escape(value) : Sanitizer.sanitize(value))
                }
            case .section(let name, let inverted, let body):
                if (fields.value(comparingKeysWith: name) == nil) == inverted {
                    render(body, fields, textIsClean: textIsClean, into: out)
                }
            }
        }
    }
}
