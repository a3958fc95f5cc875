import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for one cmark parse: a few large chunks, bumped through and released all at once.
///
/// A parse makes a few hundred small allocations (nodes, text buffers); through the system allocator they
/// cost about a third of the parse. Inside `withMemory`, cmark allocates through `CmarkArena.memory`,
/// whose callbacks take memory from the calling thread's current arena (cmark passes them no context, so
/// the arena is found through a thread-specific key). `free` gives back only the most recent
/// allocation; the rest is released when `withMemory` returns. So nothing cmark allocated may outlive the
/// closure: a tree is used inside it and never freed node by node.
struct CmarkArena {
    /// Every allocation is preceded by this many bytes holding its size; keeps payloads 16-byte aligned.
    private static let header = 16
    /// The smallest chunk; later chunks double the space reserved so far.
    static let minimumChunk = 16 * 1024

    /// The current chunk; its first word points to the chunk before it (nil for the first).
    private var chunk: UnsafeMutableRawPointer
    private var next: UnsafeMutableRawPointer
    private var end: UnsafeMutableRawPointer
    /// The most recent allocation's payload: the only one `free` and `realloc` can give back or grow in place.
    private var last: UnsafeMutableRawPointer?
    /// Bytes of all chunks taken from the system.
    private(set) var reservedBytes: Int

    private init(capacity: Int) {
        chunk = Self.systemAllocate(capacity)
        chunk.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
        next = chunk + Self.header
        end = chunk + capacity
        reservedBytes = capacity
    }

    /// Runs `body` with the allocator cmark must use for everything it allocates inside it.
    ///
    /// `expectedBytes`: the input's size, to size the first chunk (a parse allocates several times its input).
    /// Not reentrant on one thread: cmark never calls back into Swift while parsing, so nothing can nest.
    static func withMemory<Result>(expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> Result {
        precondition(pthread_getspecific(slot) == nil, "a cmark arena is already in use on this thread")
        var arena = CmarkArena(capacity: max(minimumChunk, 16 * expectedBytes + 4 * 1024).roundedUp(to: 4096))
        defer { arena.releaseChunks() }
        return withUnsafeMutablePointer(to: &arena) { current in
            pthread_setspecific(slot, current)
            defer { pthread_setspecific(slot, nil) }
            return body(memory)
        }
    }

    /// Like `withMemory`, and also reports the bytes the arena took from the system (for tests and tuning).
    static func measuringMemory<Result>(expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> (Result, reserved: Int) {
        withMemory(expectedBytes: expectedBytes) { memory in
            let result = body(memory)
            return (result, current.pointee.reservedBytes)
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

    /// Where each thread keeps its current arena: set by `withMemory` for the length of its closure only.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("no thread-specific key left for the cmark arena") }
        return key
    }()

    private static var current: UnsafeMutablePointer<CmarkArena> {
        guard let arena = pthread_getspecific(slot) else { fatalError("cmark allocated outside CmarkArena.withMemory") }
        return arena.assumingMemoryBound(to: CmarkArena.self)
    }

    private mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = Self.header + size.roundedUp(to: Self.header)
        if end - next < needed { addChunk(fitting: needed) }
        next.storeBytes(of: size, as: Int.self)
        let payload = next + Self.header
        next += needed
        last = payload
        return payload
    }

    private mutating func reallocate(_ payload: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer {
        guard let payload else { return allocate(size) }
        let old = (payload - Self.header).load(as: Int.self)
        if payload == last, end - payload >= size.roundedUp(to: Self.header) {
            (payload - Self.header).storeBytes(of: size, as: Int.self)
            next = payload + size.roundedUp(to: Self.header)
            return payload
        }
        if size <= old { return payload }
        let moved = allocate(size)
        moved.copyMemory(from: payload, byteCount: min(old, size))
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
    }

    private func releaseChunks() {
        var current: UnsafeMutableRawPointer? = chunk
        while let chunk = current {
            current = chunk.load(as: UnsafeMutableRawPointer?.self)
            free(chunk)
        }
    }

    private static func systemAllocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        guard let chunk = malloc(bytes) else { fatalError("out of memory: \(bytes) bytes for a cmark parse") }
        return chunk
    }
}

private extension Int {
    func roundedUp(to multiple: Int) -> Int { (self + multiple - 1) / multiple * multiple }
}
