import CLibPQ
import Synchronization

/// What libpq needs to ask the server to cancel the statement a connection is running (`PGcancel`).
///
/// It holds the server's address, process id and secret key, not the connection, so it may be used from
/// any thread while the connection's own thread waits for its result (libpq documents `PQcancel` as
/// thread-safe). It is freed exactly once, when the last reference goes.
final class StatementCancelKey: @unchecked Sendable {
    // @unchecked: the pointer is set once and only read; PQcancel reads it and may run on several threads.
    private let cancel: OpaquePointer

    /// The key of `handle`'s current server connection, or nil when libpq cannot make one.
    init?(handle: OpaquePointer?) {
        guard let cancel = PQgetCancel(handle) else { return nil }
        self.cancel = cancel
    }

    deinit {
        PQfreeCancel(cancel)
    }

    /// Sends the cancel request and waits for the server to take it.
    ///
    /// A request that arrives when no statement runs does nothing. Through a transaction-mode pooler the
    /// pooler forwards it to the server connection the client is using at that moment.
    /// - Returns: nil when sent, else libpq's reason.
    func send() -> String? {
        var reason = [CChar](repeating: 0, count: 256)
        let sent = reason.withUnsafeMutableBufferPointer { buffer in
            PQcancel(cancel, buffer.baseAddress, Int32(buffer.count))
        }
        if sent == 1 { return nil }
        return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The cancel key of a session's current server connection, shared by the session (which replaces it on
/// every connect and reset) and its `PostgresConnection` (which cancels through it from other threads).
final class StatementCancelSlot: Sendable {
    private let current = Mutex<StatementCancelKey?>(nil)

    func replace(with key: StatementCancelKey?) {
        current.withLock { $0 = key }
    }

    /// The key now in place; it stays valid while the caller holds it, even if the session replaces it.
    var key: StatementCancelKey? {
        current.withLock { $0 }
    }
}
