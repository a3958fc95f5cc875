import Foundation
import Testing

/// `wm-render`, the Quick start's renderer: the same command as `wm render`, without the service.
@Suite struct WMRenderCLITests {
    @Test(arguments: [
        ["examples/alex.json"],
        ["examples/alex.json", "--template", "yarnnn-v1"],
        ["examples/alex.json", "--budget", "300", "--overflow", "cut", "--format", "json"],
        ["examples/alex.json", "--tokenizer", "claude-3"],
    ])
    func printsWhatWMRenderPrints(arguments: [String]) throws {
        let alone = try WMProcess.run(arguments, program: "wm-render")
        let full = try WMProcess.run(["render"] + arguments)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(!alone.stdout.isEmpty)
        #expect(alone.stdout == full.stdout)
    }

    @Test func refusesWhatWMRenderRefusesWithTheSameExitCodes() throws {
        for (arguments, status) in [
            (["examples/alex.json", "--tokenizer", "gpt-2"], Int32(64)),
            (["examples/alex.json", "--now", "yesterday"], 64),
            (["--user", "not-a-uuid"], 64),
            (["no/such/file.json"], 65),
        ] {
            let alone = try WMProcess.run(arguments, program: "wm-render")
            let full = try WMProcess.run(["render"] + arguments)
            #expect(alone.status == status, "\(arguments): \(alone.stderr)")
            #expect(full.status == status, "\(arguments): \(full.stderr)")
        }
    }

    @Test func helpListsTheChoicesOfEveryNamedOption() throws {
        // Help wraps its lines: compare with the white space folded.
        let help = try WMProcess.run(["--help"], program: "wm-render").stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for choice in ["o200k_base", "claude-4.7", "heuristic", "markdown, json", "fail, cut", "none, transaction"] {
            #expect(help.contains(choice), "\(choice) in:\n\(help)")
        }
        #expect(help.contains("USAGE: wm-render"))
    }
}
