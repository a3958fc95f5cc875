import ArgumentParser
import Foundation
import PostgresStore
import PromptCompiler
import WorkingMemory

/// The exit codes of `wm` (BSD sysexits): 0 success, 64 usage, 65 bad input data, 69 database unavailable.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let badInput = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
}

/// Prints `error` as one line on stderr and returns the exit code it maps to.
func reportFailure(_ error: any Error) -> ExitCode {
    let (line, code): (String, ExitCode)
    switch error {
    case let error as ActivityLogError:
        switch error {
        case .invalid, .noSuchUser, .refusedValue: (line, code) = ("\(error)", ExitStatus.badInput)
        case .database(let underlying): return reportFailure(underlying)
        }
    case let error as ActivityValidationError:
        (line, code) = ("invalid activity event: \(error)", ExitStatus.badInput)
    case let error as PostgresError:
        switch error.kind {
        case .connectionFailed, .timedOut: (line, code) = ("database unavailable: \(error)", ExitStatus.unavailable)
        case .migrationFailed: (line, code) = ("migration error: \(error)", ExitStatus.badInput)
        case .statementFailed, .decodingFailed: (line, code) = ("database error: \(error)", ExitStatus.software)
        }
    case let error as SourceError:
        (line, code) = ("\(error)", ExitStatus.badInput)
    case let error as PromptCompileError:
        (line, code) = ("cannot render: \(error)", ExitStatus.badInput)
    case let error as InputError:
        (line, code) = (error.description, ExitStatus.badInput)
    case let error as UsageError:
        (line, code) = (error.description, ExitStatus.usage)
    default:
        (line, code) = ("\(error)", ExitStatus.software)
    }
    FileHandle.standardError.write(Data("wm: \(line)\n".utf8))
    return code
}

/// Bad input data that is not an activity event: a file that cannot be read, a malformed value.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A command line that parses but makes no sense (e.g. a malformed `--now`); exit code 64.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning any error into its one-line message and exit code.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw reportFailure(error)
        }
    }
}
