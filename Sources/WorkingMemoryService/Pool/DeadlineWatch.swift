import NIOCore
import Synchronization

/// Deadlines checked by one repeating timer, so that setting and clearing one never wakes an event loop.
///
/// Scheduling a task on an event loop from another thread wakes that loop, and so does cancelling it. The pool
/// used to do both for every call, and once more for every request that waited, several wakes per request under
/// load. Here a deadline is an entry in a locked table; a task repeating on one event loop every `interval`
/// removes the entries whose deadline has passed and runs their `expire` (outside the lock). So a deadline
/// fires up to `interval` late, never early, and a cleared one never fires.
///
/// Call `stop()` when done (the repeating task holds the watch until then).
final class DeadlineWatch: Sendable {
    /// A deadline's handle, for `clear(_:)`.
    struct ID: Hashable, Sendable {
        fileprivate let value: UInt64
    }

    private struct Entry {
        let deadline: NIODeadline
        let expire: @Sendable () -> Void
    }

    private struct Table {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        var stopped = false
    }

    private let table = Mutex(Table())
    /// Set once, right after `init` has made `self` (the task's closure refers to it).
    private let repeating = Mutex<RepeatedTask?>(nil)

    /// Starts checking every `interval` on `loop`.
    init(interval: TimeAmount, on loop: any EventLoop) {
        let task = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            self?.expireDue(at: .now())
        }
        repeating.withLock { $0 = task }
    }

    /// Runs `expire` once `timeout` has passed, unless `clear` comes first; after `stop()` it never runs.
    func expire(after timeout: Duration, _ expire: @escaping @Sendable () -> Void) -> ID {
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanoseconds)
        return table.withLock { table in
            table.nextID += 1
            if !table.stopped { table.entries[table.nextID] = Entry(deadline: deadline, expire: expire) }
            return ID(value: table.nextID)
        }
    }

    /// Forgets a deadline (nothing happens when it has already fired or been cleared).
    func clear(_ id: ID) {
        table.withLock { _ = $0.entries.removeValue(forKey: id.value) }
    }

    /// Removes the deadlines due at `now` and runs their `expire`, earliest first.
    func expireDue(at now: NIODeadline) {
        let due = table.withLock { table -> [Entry] in
            let dueIDs = table.entries.compactMap { id, entry in entry.deadline <= now ? id : nil }
            return dueIDs.compactMap { table.entries.removeValue(forKey: $0) }
        }
        for entry in due.sorted(by: { $0.deadline < $1.deadline }) { entry.expire() }
    }

    /// Stops the checks and drops every pending deadline without running it.
    func stop() {
        table.withLock { table in
            table.stopped = true
            table.entries.removeAll()
        }
        repeating.withLock { task in
            task?.cancel()
            task = nil
        }
    }
}
