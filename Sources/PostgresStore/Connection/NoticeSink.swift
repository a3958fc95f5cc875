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
    // Warnings matter to an operator; NOTICE and below (e.g. "already exists, skipping") are debug detail.
    if text.hasPrefix("WARNING:") {
        sink.logger.warning("postgres: \(text)")
    } else {
        sink.logger.debug("postgres: \(text)")
    }
}
