import Dispatch
import PostgresStore
import Synchronization

/// One pool call's connection as its timeout sees it: whether a cancel request is due, and when the
/// connection may serve the next call.
///
/// The call's thread and its timeout race. The thread says when it has a connection (`begin(on:)`) and
/// when the work is over (`end()`); the timeout asks to cancel (`startCancelling()`). A timeout that
/// comes while the connection is still being made stops the work from starting at all. One that comes
/// while the work runs gets the connection to cancel on, and `end()` then waits until that request has
/// been sent, so that it can never reach the statement of the next call on the same connection.
final class StatementCancellation: Sendable {
    private enum State {
        case connecting
        case running(PostgresConnection)
        case cancelling(DispatchSemaphore)
        case timedOutBeforeRunning
        case ended
    }

    private let state = Mutex<State>(.connecting)

    /// A request to cancel on `connection`, and the signal to give once it has been sent.
    struct Request: Sendable {
        let connection: PostgresConnection
        let sent: DispatchSemaphore
    }

    /// Records that the work starts on `connection`; false when the timeout came first (do not start it).
    func begin(on connection: PostgresConnection) -> Bool {
        state.withLock { state in
            if case .timedOutBeforeRunning = state { return false }
            state = .running(connection)
            return true
        }
    }

    /// The request to send when the work is running; nil when there is nothing to cancel.
    func startCancelling() -> Request? {
        state.withLock { state in
            switch state {
            case .connecting:
                state = .timedOutBeforeRunning
                return nil
            case .running(let connection):
                let sent = DispatchSemaphore(value: 0)
                state = .cancelling(sent)
                return Request(connection: connection, sent: sent)
            case .cancelling, .timedOutBeforeRunning, .ended:
                return nil
            }
        }
    }

    /// Marks the work over; waits first for a cancel request in flight to be sent.
    func end() {
        let before = state.withLock { state in
            defer { state = .ended }
            return state
        }
        if case .cancelling(let sent) = before { sent.wait() }
    }
}
