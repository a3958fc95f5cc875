import Foundation
import Synchronization

/// Rendered answers kept for the next request with the same key, bounded in bytes, least recently used
/// evicted first.
///
/// The cache itself knows nothing of the database: an entry is only a candidate. `WorkingMemoryRoute`
/// serves it only after reading the user's data version and finding it equal to the entry's, and only while
/// `RenderedAnswer.isValid(at:)` holds, so an entry can miss but never answer for data or a time it was not
/// rendered for. The sum of the entries' `costInBytes` never exceeds `capacityBytes`; an answer larger than
/// the whole bound is not kept. A capacity of 0 keeps nothing.
public final class RenderCache: Sendable {
    public let capacityBytes: Int
    private let state: Mutex<LeastRecentlyUsed>
    private let metrics: RenderCacheMetrics

    init(capacityBytes: Int, metrics: RenderCacheMetrics) {
        self.capacityBytes = max(0, capacityBytes)
        self.metrics = metrics
        state = Mutex(LeastRecentlyUsed())
    }

    /// A cache whose metrics go to a registry of its own (for embedding programs and benchmarks).
    public convenience init(capacityBytes: Int) {
        self.init(capacityBytes: capacityBytes, metrics: ServiceMetrics().renderCache())
    }

    public var isEnabled: Bool { capacityBytes > 0 }

    /// What a lookup found.
    public enum Lookup {
        /// No entry for the key.
        case absent
        /// The entry's span of time is over (or the clock went back); it has been removed.
        case expired
        /// An entry valid at the time asked for, now the most recently used; its data version is unchecked.
        case candidate(RenderedAnswer)
    }

    /// The entry for `key` if it is valid at `now`; an expired one is removed.
    public func lookup(_ key: RenderCacheKey, at now: Date) -> Lookup {
        let (found, bytes, entries) = state.withLock { lru -> (Lookup, Int, Int) in
            guard let answer = lru.touch(key) else { return (.absent, 0, 0) }
            guard answer.isValid(at: now) else {
                lru.remove(key)
                return (.expired, lru.bytes, lru.count)
            }
            return (.candidate(answer), 0, 0)
        }
        if case .expired = found { metrics.recordSize(bytes: bytes, entries: entries) }
        return found
    }

    /// Keeps `answer` under `key` (replacing what was there), evicting the least recently used entries
    /// until the bound holds.
    public func store(_ answer: RenderedAnswer, for key: RenderCacheKey) {
        guard answer.costInBytes <= capacityBytes else { return }
        let (evicted, bytes, entries) = state.withLock { lru in
            lru.remove(key)
            var evicted = 0
            while lru.bytes + answer.costInBytes > capacityBytes, lru.removeLeastRecentlyUsed() { evicted += 1 }
            lru.insert(answer, for: key)
            return (evicted, lru.bytes, lru.count)
        }
        metrics.recordEvictions(evicted)
        metrics.recordSize(bytes: bytes, entries: entries)
    }

    /// Drops the entry for `key`, if any (its user no longer exists, say).
    public func remove(_ key: RenderCacheKey) {
        let (bytes, entries) = state.withLock { lru in
            lru.remove(key)
            return (lru.bytes, lru.count)
        }
        metrics.recordSize(bytes: bytes, entries: entries)
    }

    /// The sum of the entries' costs.
    public var bytes: Int { state.withLock { $0.bytes } }
    /// How many entries there are.
    public var count: Int { state.withLock { $0.count } }
    /// The keys from the least to the most recently used (for tests).
    var keysByUse: [RenderCacheKey] { state.withLock { $0.keysByUse } }
}

/// A dictionary with a use order: a doubly linked list threaded through an array of slots.
private struct LeastRecentlyUsed {
    private struct Slot {
        var key: RenderCacheKey
        var answer: RenderedAnswer
        var older: Int
        var newer: Int
    }

    private var index: [RenderCacheKey: Int] = [:]
    private var slots: [Slot?] = []
    private var free: [Int] = []
    /// The least and the most recently used slot; -1 when empty.
    private var oldest = -1
    private var newest = -1
    private(set) var bytes = 0

    var count: Int { index.count }

    /// The answer for `key`, made the most recently used.
    mutating func touch(_ key: RenderCacheKey) -> RenderedAnswer? {
        guard let at = index[key] else { return nil }
        unlink(at)
        link(at)
        return slots[at]!.answer
    }

    mutating func insert(_ answer: RenderedAnswer, for key: RenderCacheKey) {
        let at = free.popLast() ?? { slots.append(nil); return slots.count - 1 }()
        slots[at] = Slot(key: key, answer: answer, older: -1, newer: -1)
        index[key] = at
        link(at)
        bytes += answer.costInBytes
    }

    mutating func remove(_ key: RenderCacheKey) {
        guard let at = index.removeValue(forKey: key) else { return }
        unlink(at)
        bytes -= slots[at]!.answer.costInBytes
        slots[at] = nil
        free.append(at)
    }

    /// Removes the least recently used entry; false when there is none.
    mutating func removeLeastRecentlyUsed() -> Bool {
        guard oldest >= 0 else { return false }
        remove(slots[oldest]!.key)
        return true
    }

    var keysByUse: [RenderCacheKey] {
        var keys: [RenderCacheKey] = []
        var at = oldest
        while at >= 0 {
            keys.append(slots[at]!.key)
            at = slots[at]!.newer
        }
        return keys
    }

    /// Makes the unlinked slot `at` the newest.
    private mutating func link(_ at: Int) {
        slots[at]!.older = newest
        slots[at]!.newer = -1
        if newest >= 0 { slots[newest]!.newer = at } else { oldest = at }
        newest = at
    }

    private mutating func unlink(_ at: Int) {
        let (older, newer) = (slots[at]!.older, slots[at]!.newer)
        if older >= 0 { slots[older]!.newer = newer } else { oldest = newer }
        if newer >= 0 { slots[newer]!.older = older } else { newest = older }
    }
}
