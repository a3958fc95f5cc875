import Mustache

/// The Mustache content type of every template: `{{value}}` is sanitized, never HTML-escaped.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        Sanitizer.sanitize(text)
    }
}

/// Compiles Mustache sources under the markdown content type.
enum MarkdownMustache {
    static let contentTypeName = "WM_MARKDOWN"

    /// Registers the content type once per process (swift-mustache keeps a global table).
    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: contentTypeName)
    }()

    /// A compile failure: the 1-based line within `source` and the parser's words.
    struct Failure: Error {
        let line: Int
        let detail: String
    }

    /// Compiles `source`; every interpolation in it goes through `Sanitizer.sanitize`.
    static func compile(_ source: String) throws(Failure) -> MustacheTemplate {
        _ = registration
        // The pragma sits on a line of its own, which Mustache drops as a standalone tag.
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentTypeName)}}\n" + source)
        } catch let error as MustacheTemplate.ParserError {
            let detail = "\(error.error) near '\(error.context.line.trimmingCharacters())'"
            throw Failure(line: max(1, error.context.lineNumber - 1), detail: detail)
        } catch {
            throw Failure(line: 1, detail: "\(error)")
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
