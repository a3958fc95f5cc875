import Synchronization

/// A database call waiting in the pool's queue: whether it started or gave up waiting, and its one answer.
///
/// Two sides race for a queued call: the pool thread that takes it (`start()`) and its wait's deadline
/// (`abandon()`); exactly one wins. Its answer is given once, by whichever of the call's end and its
/// timeout comes first; later answers are dropped.
final class QueuedCall<Value: Sendable>: Sendable {
    private enum Phase: UInt8 { case queued, started, abandoned }

    private let phase = Atomic<UInt8>(Phase.queued.rawValue)
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// True when the call may run: its wait had not ended.
    func start() -> Bool { move(to: .started) }

    /// True when the call will not run: no thread had taken it.
    func abandon() -> Bool { move(to: .abandoned) }

    /// Resumes the caller with `value`, unless it has been answered already.
    func answer(_ value: Value) {
        let taken = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        taken?.resume(returning: value)
    }

    private func move(to next: Phase) -> Bool {
        phase.compareExchange(expected: Phase.queued.rawValue, desired: next.rawValue, ordering: .acquiringAndReleasing).exchanged
    }
}
