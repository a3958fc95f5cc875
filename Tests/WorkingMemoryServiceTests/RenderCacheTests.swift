import Foundation
import SeededRandom
import SourceData
import Testing
import WorkingMemory
@testable import WorkingMemoryService

/// The cache's own rules, without a database: the byte bound, least-recently-used eviction, the time span.
@Suite struct RenderCacheTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func key(_ n: Int, _ format: AnswerFormat = .json) -> RenderCacheKey {
        RenderCacheKey(user: UUID(uuidString: "00000000-0000-4000-8000-\(String(format: "%012d", n))")!,
                       template: "working-memory", tokenizer: "o200k_base", budget: nil, format: format)
    }

    static func answer(bytes: Int, validFor seconds: Double? = 60, version: Int64 = 1) -> RenderedAnswer {
        RenderedAnswer(format: .json, body: [UInt8](repeating: 0x61, count: bytes),
                       dataVersion: DataVersion(epoch: 0, version: version), renderedAt: start,
                       validUntil: seconds.map { start.addingTimeInterval($0) })
    }

    static func cache(_ capacity: Int) -> (RenderCache, ServiceMetrics) {
        let metrics = ServiceMetrics()
        return (RenderCache(capacityBytes: capacity, metrics: metrics.renderCache()), metrics)
    }

    func candidate(_ lookup: RenderCache.Lookup) -> RenderedAnswer? {
        if case .candidate(let answer) = lookup { return answer }
        return nil
    }

    @Test func neverHoldsMoreThanItsBound() {
        let capacity = 50_000
        let (cache, _) = Self.cache(capacity)
        var random = SeededGenerator(seed: 7)
        for n in 0..<2_000 {
            let answer = Self.answer(bytes: Int(random.next() % 6_000))
            cache.store(answer, for: Self.key(Int(random.next() % 300)))
            #expect(cache.bytes <= capacity, "after store \(n)")
            if n % 7 == 0 { _ = cache.lookup(Self.key(Int(random.next() % 300)), at: Self.start) }
        }
        #expect(cache.count > 5)
        // The bytes are exactly the entries' costs.
        let costs = cache.keysByUse.compactMap { candidate(cache.lookup($0, at: Self.start))?.costInBytes }
        #expect(costs.reduce(0, +) == cache.bytes)
    }

    @Test func evictsTheLeastRecentlyUsed() {
        let each = Self.answer(bytes: 1_000).costInBytes
        let (cache, metrics) = Self.cache(3 * each)
        for n in 1...3 { cache.store(Self.answer(bytes: 1_000), for: Self.key(n)) }
        #expect(candidate(cache.lookup(Self.key(1), at: Self.start)) != nil)  // 1 is now the most recent
        cache.store(Self.answer(bytes: 1_000), for: Self.key(4))
        #expect(cache.keysByUse == [Self.key(3), Self.key(1), Self.key(4)])
        #expect(cache.bytes == 3 * each)
        #expect(metrics.exposition().contains("wm_render_cache_evictions_total 1"))
        // Replacing an entry frees its old bytes first: nothing else is evicted.
        cache.store(Self.answer(bytes: 1_000, version: 2), for: Self.key(3))
        #expect(cache.keysByUse == [Self.key(1), Self.key(4), Self.key(3)])
        #expect(candidate(cache.lookup(Self.key(3), at: Self.start))?.dataVersion?.version == 2)
    }

    @Test func anAnswerLargerThanTheBoundIsNotKept() {
        let (cache, _) = Self.cache(2_000)
        cache.store(Self.answer(bytes: 500), for: Self.key(1))
        cache.store(Self.answer(bytes: 5_000), for: Self.key(2))
        #expect(cache.keysByUse == [Self.key(1)])
    }

    @Test func aZeroBoundKeepsNothing() {
        let (cache, _) = Self.cache(0)
        #expect(!cache.isEnabled)
        cache.store(Self.answer(bytes: 1), for: Self.key(1))
        #expect(cache.count == 0)
    }

    @Test func anEntryServesOnlyFromItsRenderUntilJustBeforeValidUntil() {
        let (cache, _) = Self.cache(1 << 20)
        cache.store(Self.answer(bytes: 10, validFor: 60), for: Self.key(1))
        #expect(candidate(cache.lookup(Self.key(1), at: Self.start)) != nil)
        #expect(candidate(cache.lookup(Self.key(1), at: Self.start.addingTimeInterval(59.999))) != nil)
        guard case .expired = cache.lookup(Self.key(1), at: Self.start.addingTimeInterval(60)) else {
            Issue.record("not expired at valid_until"); return
        }
        guard case .absent = cache.lookup(Self.key(1), at: Self.start) else {
            Issue.record("an expired entry was kept"); return
        }
        cache.store(Self.answer(bytes: 10, validFor: nil), for: Self.key(2))
        #expect(candidate(cache.lookup(Self.key(2), at: Self.start.addingTimeInterval(1e9))) != nil)
        guard case .expired = cache.lookup(Self.key(2), at: Self.start.addingTimeInterval(-1)) else {
            Issue.record("a clock that went back was served"); return
        }
    }

    @Test func formatsAreSeparateEntries() {
        let (cache, _) = Self.cache(1 << 20)
        cache.store(Self.answer(bytes: 10), for: Self.key(1, .json))
        guard case .absent = cache.lookup(Self.key(1, .markdown), at: Self.start) else {
            Issue.record("markdown found the JSON entry"); return
        }
    }

    @Test func entityTagsNameTheFormatAndTheBytes() {
        let body = Array("# Working memory\n".utf8)
        let json = RenderedAnswer.entityTag(format: .json, body: body)
        #expect(json == RenderedAnswer.entityTag(format: .json, body: body))
        #expect(json != RenderedAnswer.entityTag(format: .markdown, body: body))
        #expect(json != RenderedAnswer.entityTag(format: .json, body: body + [0x20]))
        #expect(json.hasPrefix("\"json-") && json.hasSuffix("\"") && json.count == 6 + 32 + 1)
    }
}

@Suite struct EntityTagListTests {
    static let tag = "\"json-0123\""

    @Test(arguments: [
        "\"json-0123\"", "W/\"json-0123\"", "*", " * ", "\"other\", \"json-0123\"", "\"a\",W/\"json-0123\" ,\"b\"",
    ])
    func matches(field: String) {
        #expect(EntityTagList.matches(field, Self.tag))
    }

    @Test(arguments: ["\"json-012\"", "json-0123", "\"json-0123", "\"a\" \"json-0123\"", "", "*, \"json-0123\"", "W/json-0123"])
    func doesNotMatch(field: String) {
        #expect(!EntityTagList.matches(field, Self.tag))
    }
}

