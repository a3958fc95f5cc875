import Foundation
import Testing

/// `wm budget-report --format html` in a real browser: headless Chromium (Debian's `chromium`, installed by
/// scripts/install-deps.sh) renders the page to a PNG, which must not be blank (scripts/check-png.py), and the
/// page's text as Chromium parsed it (`--dump-dom`) must hold the figures of `--format json` for the same input.
/// Without Chromium the tests fail: they are never skipped.
@Suite(.serialized) struct BudgetReportHTMLBrowserTests {
    /// Inputs that give cuts by budget, truncation and limit (600 tokens), users whose required content did
    /// not fit (300 tokens), and the default budget.
    static let inputs: [[String]] = [
        ["--budget", "600"] + goldenSnapshots,
        ["--budget", "300"] + goldenSnapshots,
        ["examples/alex.json", "golden/snapshot-cold-start/input.json", "golden/snapshot-activity-40/input.json"],
    ]

    /// Every snapshot golden's input, and the example.
    static var goldenSnapshots: [String] {
        let golden = WMProcess.repositoryRoot.appendingPathComponent("golden")
        let cases = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return ["examples/alex.json"] + cases.filter { $0.hasPrefix("snapshot-") }.sorted().map { "golden/\($0)/input.json" }
    }

    @Test(arguments: inputs) func chromiumShowsTheJSONReportsFigures(arguments: [String]) throws {
        let json = try WMProcess.run(["budget-report", "--format", "json"] + arguments)
        #expect(json.status == 0, "\(json.stderr)")
        let html = try WMProcess.run(["budget-report", "--format", "html"] + arguments)
        #expect(html.status == 0, "\(html.stderr)")
        let folder = try Browser.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(html.stdout.utf8).write(to: page)

        let png = folder.appendingPathComponent("report.png")
        try Browser.screenshot(page, to: png, in: folder)
        let check = try Browser.checkPNG(png)
        #expect(check.status == 0, "the screenshot looks blank: \(check.stdout) \(check.stderr)")

        let words = try Browser.renderedWords(page, in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        for expected in try Self.expectedFigures(report) {
            #expect(words.containsSequence(expected), "the page's text lacks \(expected.joined(separator: " "))")
        }
    }

    @Test func theCheckerRejectsABlankPage() throws {
        let folder = try Browser.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: page)
        let png = folder.appendingPathComponent("blank.png")
        try Browser.screenshot(page, to: png, in: folder)
        let check = try Browser.checkPNG(png)
        #expect(check.status == 1, "the checker passed a blank page: \(check.stdout)")
    }

    /// The JSON report's figures as the word sequences the page's tables show them in.
    static func expectedFigures(_ report: [String: Any]) throws -> [[String]] {
        func number(_ object: [String: Any], _ key: String) throws -> String {
            String(try #require(object[key] as? Int, "no \(key) in \(object)"))
        }
        var figures = [["users", try number(report, "users"), "budget", try number(report, "budget"),
                        "p50", try number(report, "total_p50"), "p95", try number(report, "total_p95"),
                        "max", try number(report, "total_max")]]
        let sections = try #require(report["sections"] as? [[String: Any]])
        #expect(!sections.isEmpty)
        for section in sections {
            let id = try #require(section["id"] as? String)
            figures.append([id, try number(section, "p50"), try number(section, "p95"), try number(section, "max")])
            let byRule = try #require(section["cut_by_rule"] as? [String: Any])
            figures.append([id, try number(section, "cut")] + (try ["budget", "cap", "truncated", "limit"].map { try number(byRule, $0) }))
        }
        for worst in try #require(report["worst_cases"] as? [[String: Any]]) {
            figures.append([try #require(worst["user"] as? String), try number(worst, "tokens"), "explanation"])
        }
        let overBudget = try #require(report["over_budget"] as? [[String: Any]])
        figures.append(["did", "not", "fit", String(overBudget.count)])
        for failure in overBudget { figures.append([try #require(failure["user"] as? String)]) }
        let marker = try #require(report["cut_with_marker"] as? [String])
        figures.append(["overflow", "marker", String(marker.count)])
        for (table, count) in try #require(report["failed_sources"] as? [String: Int]) {
            figures.append([table, String(count)])
        }
        return figures
    }
}

/// Headless Chromium and the PNG checker, run as processes.
enum Browser {
    /// `chromium` on the PATH (Debian's package installs /usr/bin/chromium).
    static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("chromium")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CLITestError("chromium not found on the PATH: install it with scripts/install-deps.sh (apt-get install chromium)")
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wm-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The flags every run takes: headless, as root in a container (no sandbox; /tmp instead of a small
    /// /dev/shm), its own profile folder.
    static func flags(_ folder: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
         "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
    }

    /// Renders `page` at 1280×2400 to the PNG `png`.
    static func screenshot(_ page: URL, to png: URL, in folder: URL) throws {
        let result = try run(try executable(), flags(folder) + [
            "--screenshot=\(png.path)", "--window-size=1280,2400", page.absoluteString,
        ])
        guard result.status == 0, FileManager.default.fileExists(atPath: png.path) else {
            throw CLITestError("chromium --screenshot failed (\(result.status)): \(result.stderr)")
        }
    }

    /// The text of `page` as Chromium parsed it: `--dump-dom`, the style sheet and tags removed, entities
    /// decoded, split into words.
    static func renderedWords(_ page: URL, in folder: URL) throws -> [String] {
        let result = try run(try executable(), flags(folder) + ["--dump-dom", page.absoluteString])
        guard result.status == 0, result.stdout.contains("</html>") else {
            throw CLITestError("chromium --dump-dom failed (\(result.status)): \(result.stderr)")
        }
        var text = result.stdout.replacingOccurrences(of: #"<style[^>]*>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Runs scripts/check-png.py on `png` (exit 0: not blank; 1: blank; 2: unreadable).
    static func checkPNG(_ png: URL) throws -> WMProcess.Result {
        let script = WMProcess.repositoryRoot.appendingPathComponent("scripts/check-png.py").path
        return try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, png.path])
    }

    /// Runs `executable` with stdout in a pipe and stderr in a file (so neither can fill up and block it).
    static func run(_ executable: URL, _ arguments: [String]) throws -> WMProcess.Result {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("wm-browser-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CLITestError("cannot create \(errorFile.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return WMProcess.Result(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        )
    }
}

extension Array where Element == String {
    /// Whether `sequence` occurs in this array as consecutive elements.
    func containsSequence(_ sequence: [String]) -> Bool {
        guard !sequence.isEmpty, sequence.count <= count else { return sequence.isEmpty }
        return (0...(count - sequence.count)).contains { start in
            zip(self[start..<start + sequence.count], sequence).allSatisfy { $0 == $1 }
        }
    }
}
