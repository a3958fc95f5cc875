import ArgumentParser
import Foundation
import PostgresStore
import PromptCompiler
import SourceData
import WorkingMemory

/// The exit codes of `wm` (BSD sysexits): 0 success, 64 usage, 65 bad input data, 69 database unavailable,
/// 76 the database returned wrong data (a row of another user: nothing was rendered or written).
///
/// 76 is `EX_PROTOCOL` ("remote error in protocol"): the database answered, but not with what the query
/// asks for. It is not the caller's input (65), not an outage to retry (69), and not a bug of `wm` (70):
/// someone must fix the database (a view, function or operator that misbehaves) before retrying helps.
package enum ExitStatus {
    package static let usage = ExitCode(64)
    package static let badInput = ExitCode(65)
    package static let unavailable = ExitCode(69)
    package static let software = ExitCode(70)
    package static let wrongData = ExitCode(76)
}

/// Prints `error` as one line on stderr and returns the exit code it maps to.
package func reportFailure(_ error: any Error) -> ExitCode {
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
        switch error {
        case .noSuchUser: (line, code) = ("\(error)", ExitStatus.badInput)
        case .rowOfAnotherUser: (line, code) = ("refused: \(error)", ExitStatus.wrongData)
        }
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
package struct InputError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// A command line that parses but makes no sense (e.g. `WM_POOLER` naming no pooler mode); exit code 64.
package struct UsageError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

extension ParsableArguments {
    /// Runs `body`, turning any error into its one-line message and exit code.
    package func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw reportFailure(error)
        }
    }
}
