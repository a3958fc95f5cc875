import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import WorkingMemoryService

/// The pool's deadlines: one fires once its time has passed, never before; a cleared or stopped one never fires.
@Suite struct DeadlineWatchTests {
    /// Expired deadlines, in the order they ran.
    final class Fired: Sendable {
        private let names = Mutex<[String]>([])
        func record(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    /// A watch whose own repeating check never runs during a test, so the test decides what "now" is.
    static func manualWatch() -> DeadlineWatch {
        DeadlineWatch(interval: .hours(1), on: MultiThreadedEventLoopGroup.singleton.next())
    }

    @Test func aDeadlineFiresOnlyOnceItsTimeHasPassed() {
        let watch = Self.manualWatch()
        defer { watch.stop() }
        let fired = Fired()
        let start = NIODeadline.now()
        _ = watch.expire(after: .seconds(10)) { fired.record("ten") }
        _ = watch.expire(after: .seconds(5)) { fired.record("five") }
        watch.expireDue(at: start + .seconds(4))
        #expect(fired.all.isEmpty)
        watch.expireDue(at: start + .seconds(30))
        #expect(fired.all == ["five", "ten"])
        // Each runs once: a second check finds nothing due.
        watch.expireDue(at: start + .seconds(60))
        #expect(fired.all == ["five", "ten"])
    }

    @Test func aClearedDeadlineNeverFires() {
        let watch = Self.manualWatch()
        defer { watch.stop() }
        let fired = Fired()
        let cleared = watch.expire(after: .seconds(1)) { fired.record("cleared") }
        _ = watch.expire(after: .seconds(1)) { fired.record("kept") }
        watch.clear(cleared)
        watch.expireDue(at: .now() + .seconds(10))
        #expect(fired.all == ["kept"])
    }

    @Test func stoppingDropsPendingDeadlines() {
        let watch = Self.manualWatch()
        let fired = Fired()
        _ = watch.expire(after: .seconds(1)) { fired.record("before stop") }
        watch.stop()
        _ = watch.expire(after: .seconds(1)) { fired.record("after stop") }
        watch.expireDue(at: .now() + .seconds(10))
        #expect(fired.all.isEmpty)
    }

    @Test func theRepeatingCheckFiresADeadlineByItself() async throws {
        let watch = DeadlineWatch(interval: .milliseconds(5), on: MultiThreadedEventLoopGroup.singleton.next())
        defer { watch.stop() }
        let (stream, continuation) = AsyncStream.makeStream(of: Duration.self)
        let set = ContinuousClock.now
        _ = watch.expire(after: .milliseconds(30)) { continuation.yield(set.duration(to: .now)) }
        var iterator = stream.makeAsyncIterator()
        let elapsed = await iterator.next()
        #expect(elapsed.map { $0 >= .milliseconds(30) } == true)
    }
}
