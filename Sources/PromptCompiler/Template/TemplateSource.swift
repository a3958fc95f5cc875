/// A template file split into its YAML front matter and its Mustache body, with their line offsets.
struct TemplateSource {
    let frontMatter: String
    /// The file line of the front matter's first line.
    let frontMatterLine: Int
    /// The body: everything after the closing `---` line, minus the file's final newline.
    let body: String
    /// The file line of the body's first line.
    let bodyLine: Int

    /// Splits `text`; the file must start with a `---` line and the front matter end with one.
    init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---" else { return nil }
        lines.removeFirst()
        guard let close = lines.firstIndex(of: "---") else { return nil }
        frontMatter = lines[..<close].joined(separator: "\n")
        frontMatterLine = 2
        bodyLine = close + 3
        var body = lines[(close + 1)...].joined(separator: "\n")
        // A POSIX text file ends with a newline; it is not part of the body. Write an empty last line to
        // end the rendered block with a newline.
        if body.hasSuffix("\n") { body.removeLast() }
        self.body = body
    }
}
