import CLibPQ
import Logging

/// Receives the server's notices (`RAISE NOTICE`, warnings) and logs them instead of printing to stderr.
final class NoticeSink: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }
}

/// libpq's notice callback; `context` is the session's `NoticeSink`, which outlives the connection handle.
let noticeProcessor: PQnoticeProcessor = { context, message in
    guard let context, let message else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    let text = String(cString: message).trimmingTrailingWhitespace()
    sink.logger.notice("postgres: \(text)")
}
