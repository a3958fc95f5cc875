import Foundation
import WorkingMemory

/// The `--template` argument: a bundled template's name or a path, and the builder flavour it needs.
package struct TemplateChoice {
    /// The bundled default template's name.
    package static let defaultName = "working-memory"

    /// The argument as given (a name such as `yarnnn-v1`, or a path to a `.md` file).
    let argument: String

    init(_ argument: String?) { self.argument = argument ?? Self.defaultName }

    /// True when the argument names a file rather than a bundled template.
    var isPath: Bool { argument.contains("/") || argument.hasSuffix(".md") }

    /// The template's name: the argument, or a path's file name without `.md`.
    var name: String {
        guard isPath else { return argument }
        let file = URL(fileURLWithPath: argument).lastPathComponent
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }

    /// The builder flavour: `.v1` for the yarnnn-v1 template (by name or file name), else `.standard`.
    var flavour: TemplateFlavour { TemplateFlavour(templateName: name) }
}
