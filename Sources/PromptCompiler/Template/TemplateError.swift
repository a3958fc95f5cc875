/// A template that cannot be compiled: names the file and, where known, the line of the problem.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's file name as given when compiling, e.g. `templates/working-memory.md`.
    public let file: String
    /// The 1-based line in the file, when the problem has one.
    public let line: Int?
    /// What is wrong, in words a template author can act on.
    public let problem: Problem

    public enum Problem: Sendable, Equatable {
        /// The file does not start with a `---` line, or the front matter is never closed.
        case missingFrontMatter
        /// The front matter is not valid YAML.
        case invalidYAML(String)
        /// A required key is missing.
        case missingKey(String)
        /// A key has a value of the wrong type or out of range.
        case invalidValue(key: String, expected: String)
        /// A key the template language does not know (usually a typo).
        case unknownKey(String)
        /// A section is declared twice.
        case duplicateSection(String)
        /// A section has no heading.
        case sectionWithoutHeading(String)
        /// The body, the cache breakpoint or a rule names a section the front matter does not declare.
        case unknownSection(String)
        /// The body refers to a name the render context does not provide.
        case unknownName(String)
        /// A Mustache syntax error.
        case mustache(String)
        /// A tag that could bypass the sanitizer or the plan (triple mustache in an item, partials, ...).
        case unsafeTag(String)
        /// The rules contradict each other (floor above cap, volatile section outranking a stable one, ...).
        case inconsistentRules(String)
        /// Rendering sample data through the template does not give the declared structure.
        case layout(String)
        /// The fast renderer and swift-mustache disagree on this template (a bug of the compiler: report it).
        case rendererMismatch(String)
    }

    public init(file: String, line: Int?, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(message)"
    }

    var message: String {
        switch problem {
        case .missingFrontMatter:
            return "a template starts with a YAML front matter between two '---' lines"
        case .invalidYAML(let detail):
            return "invalid YAML front matter: \(detail)"
        case .missingKey(let key):
            return "missing key '\(key)'"
        case .invalidValue(let key, let expected):
            return "'\(key)' must be \(expected)"
        case .unknownKey(let key):
            return "unknown key '\(key)'"
        case .duplicateSection(let id):
            return "section '\(id)' is declared twice"
        case .sectionWithoutHeading(let id):
            return "section '\(id)' has no heading"
        case .unknownSection(let id):
            return "unknown section '\(id)' (not declared in the front matter)"
        case .unknownName(let name):
            return "unknown name '\(name)' in the body"
        case .mustache(let detail):
            return "Mustache syntax error: \(detail)"
        case .unsafeTag(let detail):
            return "unsafe tag: \(detail)"
        case .inconsistentRules(let detail):
            return "inconsistent rules: \(detail)"
        case .layout(let detail):
            return "the body does not render the declared structure: \(detail)"
        case .rendererMismatch(let detail):
            return "internal: the fast renderer and swift-mustache disagree on the \(detail); please report this template"
        }
    }
}
