import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for one cmark parse: a chunk the thread keeps, bumped through, and more chunks if it runs out.
///
/// A parse makes a few hundred small allocations (nodes, text buffers); through the system allocator they
/// cost about a third of the parse. Inside `withMemory`, cmark allocates through `CmarkArena.memory`,
/// whose callbacks take memory from the calling thread's arena (cmark passes them no context, so the arena
/// is found through a thread-specific key). `free` gives back only the most recent allocation; everything
/// else is given back when `withMemory` returns. So nothing cmark allocated may outlive the closure: a
/// tree is used inside it and never freed node by node.
///
/// Each thread keeps its first chunk (at most `largestKeptChunk` bytes) from one parse to the next, so a
/// parse allocates nothing from the system unless it needs more than that chunk; chunks added during a
/// parse are freed when it ends, and the kept one when the thread exits (the key's destructor).
struct CmarkArena {
    /// Every allocation is preceded by this many bytes holding its size; keeps payloads 16-byte aligned.
    private static let header = 16
    /// The smallest first chunk; chunks added during a parse double the space reserved so far.
    static let minimumChunk = 16 * 1024
    /// The largest first chunk a thread keeps between parses; a parse that wants more gets one of its own.
    static let largestKeptChunk = 1 << 20

    /// The thread's kept chunk and its size (nil and 0 before its first parse).
    private var kept: UnsafeMutableRawPointer?
    private var keptCapacity = 0
    /// The current chunk; its first word points to the chunk before it (nil for the first).
    private var chunk: UnsafeMutableRawPointer?
    private var next: UnsafeMutableRawPointer?
    private var end: UnsafeMutableRawPointer?
    /// The most recent allocation's payload: the only one `free` and `realloc` can give back or grow in place.
    private var last: UnsafeMutableRawPointer?
    /// Bytes of the chunks this parse used, and how many there were.
    private(set) var reservedBytes = 0
    private(set) var chunkCount = 0
    private var active = false

    /// Runs `body` with the allocator cmark must use for everything it allocates inside it.
    ///
    /// `expectedBytes`: the input's size, to size the first chunk (a parse allocates about 14 times its input).
    /// Not reentrant on one thread: cmark never calls back into Swift while parsing, so nothing can nest.
    static func withMemory<Result>(expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> Result {
        let arena = threadArena()
        precondition(!arena.pointee.active, "a cmark arena is already in use on this thread")
        arena.pointee.begin(capacity: max(minimumChunk, 16 * expectedBytes + 4 * 1024).roundedUp(to: 4096))
        defer { arena.pointee.finish() }
        return body(memory)
    }

    /// Like `withMemory`, and also reports the chunks the parse used and their bytes (for tests and tuning).
    static func measuringMemory<Result>(
        expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result
    ) -> (Result, chunks: Int, reserved: Int) {
        withMemory(expectedBytes: expectedBytes) { memory in
            let result = body(memory)
            return (result, current.pointee.chunkCount, current.pointee.reservedBytes)
        }
    }

    /// The callbacks cmark calls; valid only inside `withMemory`. Allocated once and never freed.
    /// `nonisolated(unsafe)`: written once by the lazy initializer (which runs exactly once), only read after.
    nonisolated(unsafe) private static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                if overflow { fatalError("cmark asked for \(count) × \(size) bytes") }
                let payload = current.pointee.allocate(bytes)
                payload.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
                return payload
            },
            realloc: { payload, size in current.pointee.reallocate(payload, to: size) },
            free: { payload in current.pointee.giveBack(payload) }))
        return memory
    }()

    /// Where each thread keeps its arena; the destructor frees it (and its kept chunk) when the thread exits.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { state in
            guard let arena = state?.assumingMemoryBound(to: CmarkArena.self) else { return }
            if let kept = arena.pointee.kept { free(kept) }
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        guard created == 0 else { fatalError("no thread-specific key left for the cmark arena") }
        return key
    }()

    /// The calling thread's arena, made on its first parse.
    private static func threadArena() -> UnsafeMutablePointer<CmarkArena> {
        if let existing = pthread_getspecific(slot) { return existing.assumingMemoryBound(to: CmarkArena.self) }
        let made = UnsafeMutablePointer<CmarkArena>.allocate(capacity: 1)
        made.initialize(to: CmarkArena())
        pthread_setspecific(slot, made)
        return made
    }

    /// The calling thread's arena during a parse.
    private static var current: UnsafeMutablePointer<CmarkArena> {
        guard let state = pthread_getspecific(slot), state.assumingMemoryBound(to: CmarkArena.self).pointee.active else {
            fatalError("cmark allocated outside CmarkArena.withMemory")
        }
        return state.assumingMemoryBound(to: CmarkArena.self)
    }

    private mutating func begin(capacity: Int) {
        let first: UnsafeMutableRawPointer
        if capacity <= keptCapacity, let kept {
            first = kept
            reservedBytes = keptCapacity
        } else if capacity <= Self.largestKeptChunk {
            if let kept { free(kept) }
            first = Self.systemAllocate(capacity)
            kept = first
            keptCapacity = capacity
            reservedBytes = capacity
        } else {
            first = Self.systemAllocate(capacity)
            reservedBytes = capacity
        }
        first.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
        chunk = first
        next = first + Self.header
        end = first + reservedBytes
        last = nil
        chunkCount = 1
        active = true
    }

    /// Frees every chunk of this parse except the kept one.
    private mutating func finish() {
        var current = chunk
        while let chunk = current {
            current = chunk.load(as: UnsafeMutableRawPointer?.self)
            if chunk != kept { free(chunk) }
        }
        chunk = nil
        next = nil
        end = nil
        last = nil
        active = false
    }

    private mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = Self.header + size.roundedUp(to: Self.header)
        if end! - next! < needed { addChunk(fitting: needed) }
        next!.storeBytes(of: size, as: Int.self)
        let payload = next! + Self.header
        next = next! + needed
        last = payload
        return payload
    }

    private mutating func reallocate(_ payload: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer {
        guard let payload else { return allocate(size) }
        let old = (payload - Self.header).load(as: Int.self)
        if payload == last, end! - payload >= size.roundedUp(to: Self.header) {
            (payload - Self.header).storeBytes(of: size, as: Int.self)
            next = payload + size.roundedUp(to: Self.header)
            return payload
        }
        if size <= old { return payload }
        let moved = allocate(size)
        moved.copyMemory(from: payload, byteCount: old)
        return moved
    }

    private mutating func giveBack(_ payload: UnsafeMutableRawPointer?) {
        guard let payload, payload == last else { return }
        next = payload - Self.header
        last = nil
    }

    private mutating func addChunk(fitting needed: Int) {
        let capacity = max(reservedBytes, needed + Self.header).roundedUp(to: 4096)
        let added = Self.systemAllocate(capacity)
        added.storeBytes(of: chunk, as: UnsafeMutableRawPointer?.self)
        chunk = added
        next = added + Self.header
        end = added + capacity
        reservedBytes += capacity
        chunkCount += 1
    }

    private static func systemAllocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        guard let chunk = malloc(bytes) else { fatalError("out of memory: \(bytes) bytes for a cmark parse") }
        return chunk
    }
}

private extension Int {
    func roundedUp(to multiple: Int) -> Int { (self + multiple - 1) / multiple * multiple }
}
