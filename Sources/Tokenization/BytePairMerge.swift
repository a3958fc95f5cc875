/// Receives the ranks an encoder produces, in order.
protocol RankSink {
    mutating func accept(_ rank: UInt32)
}

/// Counts ranks without storing them.
struct RankCounter: RankSink {
    var count = 0
    @inline(__always) mutating func accept(_ rank: UInt32) { count += 1 }
}

/// Counts ranks, and separately those of at least `rareFrom` (the later, rarer tokens of a vocabulary).
struct RareRankCounter: RankSink {
    let rareFrom: UInt32
    var count = 0
    var rare = 0
    @inline(__always) mutating func accept(_ rank: UInt32) {
        count += 1
        if rank >= rareFrom { rare += 1 }
    }
}

/// Collects ranks as token ids.
struct RankCollector: RankSink {
    var ids: [Int] = []
    @inline(__always) mutating func accept(_ rank: UInt32) { ids.append(Int(rank)) }
}

/// Byte-pair merging of one piece, identical to tiktoken: the whole piece if it is a token, otherwise
/// repeatedly merge the adjacent pair whose concatenation has the lowest rank (leftmost on ties).
enum BytePairMerge {
    /// Pieces at least this long use the heap-based merge, O(n log n); shorter ones the simple scan.
    static let heapThreshold = 128

    @inline(__always)
    static func encode<Sink: RankSink>(
        _ piece: UnsafePointer<UInt8>, count: Int, table: RankTable.View, into sink: inout Sink
    ) {
        let whole = table.rank(of: piece, count: count)
        if whole != RankTable.absent {
            sink.accept(whole)
        } else if count < heapThreshold {
            mergeByScanning(piece, count: count, table: table, into: &sink)
        } else {
            mergeWithHeap(piece, count: count, table: table, into: &sink)
        }
    }

    /// The quadratic scan tiktoken uses for short pieces: parts are kept in an array.
    static func mergeByScanning<Sink: RankSink>(
        _ piece: UnsafePointer<UInt8>, count: Int, table: RankTable.View, into sink: inout Sink
    ) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count + 1) { starts in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count + 1) { pairRanks in
                // Part i covers starts[i] ..< starts[i + 1]; pairRanks[i] is the rank of parts i and i + 1 merged.
                var parts = count
                for index in 0...count { starts[index] = Int32(index) }
                for index in 0..<(count - 1) { pairRanks[index] = table.rank(of: piece + index, count: 2) }
                pairRanks[count - 1] = RankTable.absent
                while parts > 1 {
                    var best = RankTable.absent
                    var bestIndex = -1
                    for index in 0..<(parts - 1) where pairRanks[index] < best {
                        best = pairRanks[index]
                        bestIndex = index
                    }
                    if bestIndex < 0 { break }
                    // Remove the boundary between bestIndex and bestIndex + 1.
                    let removed = bestIndex + 1
                    var index = removed
                    while index < parts {
                        starts[index] = starts[index + 1]
                        pairRanks[index] = pairRanks[index + 1]
                        index += 1
                    }
                    parts -= 1
                    pairRanks[bestIndex] = pairRank(piece, starts, bestIndex, parts, table)
                    if bestIndex > 0 { pairRanks[bestIndex - 1] = pairRank(piece, starts, bestIndex - 1, parts, table) }
                }
                for index in 0..<parts {
                    let start = Int(starts[index])
                    sink.accept(table.rank(of: piece + start, count: Int(starts[index + 1]) - start))
                }
            }
        }
    }

    @inline(__always)
    private static func pairRank(
        _ piece: UnsafePointer<UInt8>, _ starts: UnsafeMutableBufferPointer<Int32>, _ index: Int, _ parts: Int,
        _ table: RankTable.View
    ) -> UInt32 {
        if index + 1 >= parts { return RankTable.absent }
        let start = Int(starts[index])
        return table.rank(of: piece + start, count: Int(starts[index + 2]) - start)
    }

    /// The heap-based merge for long pieces: parts form a linked list over byte positions, candidate pairs
    /// sit in a min-heap keyed by (rank, start) and are checked against the current list when popped.
    static func mergeWithHeap<Sink: RankSink>(
        _ piece: UnsafePointer<UInt8>, count: Int, table: RankTable.View, into sink: inout Sink
    ) {
        // next[i]: start of the part after the part starting at i (count for the last); prev[i] likewise
        // (-1 for the first); pairRank[i]: rank of the part at i merged with its successor, or absent;
        // a part start that was merged away has next[i] == -1.
        var nextStorage = [Int32](repeating: 0, count: count)
        var prevStorage = [Int32](repeating: 0, count: count)
        var pairRankStorage = [UInt32](repeating: RankTable.absent, count: count)
        var heap = MinHeap()
        heap.reserve(count)
        nextStorage.withUnsafeMutableBufferPointer { next in
            prevStorage.withUnsafeMutableBufferPointer { prev in
                pairRankStorage.withUnsafeMutableBufferPointer { pairRank in
                    for index in 0..<count {
                        next[index] = Int32(index + 1)
                        prev[index] = Int32(index - 1)
                    }
                    for index in 0..<(count - 1) {
                        let rank = table.rank(of: piece + index, count: 2)
                        pairRank[index] = rank
                        if rank != RankTable.absent { heap.push(UInt64(rank) << 32 | UInt64(index)) }
                    }
                    @inline(__always) func rankOfPair(at start: Int) -> UInt32 {
                        let second = Int(next[start])
                        if second >= count { return RankTable.absent }
                        return table.rank(of: piece + start, count: Int(next[second]) - start)
                    }
                    while let key = heap.pop() {
                        let start = Int(key & 0xFFFF_FFFF)
                        let rank = UInt32(key >> 32)
                        guard next[start] >= 0, pairRank[start] == rank else { continue }
                        // Merge the part at start with its successor.
                        let second = Int(next[start])
                        let after = Int(next[second])
                        next[second] = -1
                        next[start] = Int32(after)
                        if after < count { prev[after] = Int32(start) }
                        let newRank = rankOfPair(at: start)
                        pairRank[start] = newRank
                        if newRank != RankTable.absent { heap.push(UInt64(newRank) << 32 | UInt64(start)) }
                        let before = Int(prev[start])
                        if before >= 0 {
                            let beforeRank = rankOfPair(at: before)
                            pairRank[before] = beforeRank
                            if beforeRank != RankTable.absent { heap.push(UInt64(beforeRank) << 32 | UInt64(before)) }
                        }
                    }
                    var start = 0
                    while start < count {
                        let end = Int(next[start])
                        sink.accept(table.rank(of: piece + start, count: end - start))
                        start = end
                    }
                }
            }
        }
    }
}

/// A binary min-heap of 64-bit keys.
struct MinHeap {
    private var keys: [UInt64] = []

    mutating func reserve(_ capacity: Int) { keys.reserveCapacity(capacity) }

    mutating func push(_ key: UInt64) {
        keys.append(key)
        keys.withUnsafeMutableBufferPointer { keys in
            var child = keys.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if keys[parent] <= key { break }
                keys[child] = keys[parent]
                child = parent
            }
            keys[child] = key
        }
    }

    mutating func pop() -> UInt64? {
        guard let last = keys.popLast() else { return nil }
        if keys.isEmpty { return last }
        return keys.withUnsafeMutableBufferPointer { keys in
            let top = keys[0]
            let count = keys.count
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= last { break }
                keys[parent] = keys[child]
                parent = child
            }
            keys[parent] = last
            return top
        }
    }
}
