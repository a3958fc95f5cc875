import ArgumentParser
import WMCommands

/// `wm-render`: `wm render` as a program of its own, built without the HTTP service's dependencies.
///
/// The same options, output and exit codes as `wm render` (both run `RenderOptions`); it exists so that a
/// fresh clone shows a rendered block without compiling SwiftNIO, Hummingbird and swift-crypto
/// (scripts/render-example.sh).
@main
struct WMRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wm-render",
        abstract: RenderOptions.abstract + " (wm render, without the HTTP service)",
        discussion: RenderOptions.discussion
    )

    @OptionGroup var options: RenderOptions

    func run() async throws {
        try await options.run()
    }
}
