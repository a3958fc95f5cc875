/// A readable line diff: `-` expected, `+` actual, with two lines of context around each change.
public enum LineDiff {
    public static func render(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence table, from the end.
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                lines.append(("+", b[j])); j += 1
            } else {
                lines.append(("-", a[i])); i += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        var shown = Set<Int>()
        for index in changed { for k in max(0, index - 2)...min(lines.count - 1, index + 2) { shown.insert(k) } }
        var out: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if index != previous + 1 { out.append("@@ line \(index + 1) @@") }
            out.append("\(lines[index].mark) \(visible(lines[index].text))")
            previous = index
        }
        if changed.isEmpty, expected != actual { out.append("(the texts differ only in invisible bytes)") }
        return out.joined(separator: "\n")
    }

    /// Makes trailing spaces and tabs visible.
    static func visible(_ line: String) -> String {
        var text = line.replacingOccurrences(of: "\t", with: "→")
        if text.hasSuffix(" ") { text += "⏎" }
        return text
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
