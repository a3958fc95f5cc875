import Hummingbird
import NIOCore
import PostgresStore
import PromptCompiler
import SourceData
import WireFormats
import WorkingMemory

extension ServiceError {
    /// The answer for any error a route or middleware threw.
    ///
    /// Database errors become fixed messages (503 when the database is unreachable or too slow, 502 when it
    /// returned a row of another user, else 500),
    /// so nothing from the server — SQL, a host name, a connection string — reaches a response. Errors the
    /// service does not know become 500 `internal_error`.
    static func answering(_ error: any Error) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as PoolError:
            switch error {
            case .exhausted: return .poolExhausted
            case .timedOut, .closed: return .databaseUnavailable
            }
        case let error as PostgresError:
            switch error.kind {
            case .connectionFailed, .timedOut: return .databaseUnavailable
            case .statementFailed, .decodingFailed, .migrationFailed: return .internalError
            }
        case let error as ActivityLogError:
            switch error {
            case .invalid(let reason): return .unprocessable("invalid_event", reason.description)
            case .noSuchUser(let user): return .unprocessable("no_such_user", "no such user: \(user.lowercasedString)")
            case .refusedValue: return .unprocessable("invalid_event", error.description + " (nothing was written)")
            case .database(let underlying): return answering(underlying)
            }
        case let error as SourceError:
            switch error {
            case .noSuchUser: return ServiceError(.notFound, code: "no_such_user", message: error.description)
            case .rowOfAnotherUser(let table, _): return .sourceIntegrity(table: table)
            }
        case let error as PromptCompileError:
            return .unprocessable("cannot_render", error.description)
        case is NIOTooManyBytesError:
            return .bodyTooLarge(limit: ServiceLimits.maximumBodyBytes)
        case let error as HTTPError:
            return ServiceError(error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase.lowercased())
        default:
            return .internalError
        }
    }

    /// A snake_case code for a status Hummingbird answered itself (e.g. `not_found`).
    private static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) }
    }
}
