import ArgumentParser
import Foundation

/// A failure the CLI reports as one line on stderr and a sysexits-style exit code.
struct CLIFailure: Error, CustomStringConvertible {
    /// 64 (`EX_USAGE`): the command line is wrong.
    static let usage: Int32 = 64
    /// 65 (`EX_DATAERR`): the input data is wrong.
    static let badData: Int32 = 65
    /// 66 (`EX_NOINPUT`): an input file cannot be read.
    static let noInput: Int32 = 66

    let code: Int32
    let message: String

    var description: String { message }

    /// Writes `wm: <message>` to stderr and returns the exit code to throw.
    func report() -> ExitCode {
        FileHandle.standardError.write(Data(("wm: " + message + "\n").utf8))
        return ExitCode(code)
    }
}

extension CLIFailure {
    /// Runs `body`, turning a `CLIFailure` into its stderr line and exit code.
    static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let failure as CLIFailure {
            throw failure.report()
        }
    }
}
