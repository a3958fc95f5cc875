import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for one cmark parse: a chunk the thread keeps, bumped through, and more chunks if it runs out.
///
/// A parse makes a few hundred small allocations (nodes, text buffers); through the system allocator they
/// cost about a third of the parse. Inside `withMemory`, cmark allocates from the calling thread's arena
/// through the C callbacks of `CCmark`'s shim (`wm_cmark_arena`: cmark passes its callbacks no context, so
/// the arena is found through a thread-local pointer, which C reads in a few instructions). `free` gives
/// back only the most recent allocation; everything else is given back when `withMemory` returns. So
/// nothing cmark allocated may outlive the closure: a tree is used inside it and never freed node by node.
///
/// Each thread keeps its first chunk (at most `largestKeptChunk` bytes) from one parse to the next, so a
/// parse allocates nothing from the system unless it needs more than that chunk; chunks added during a
/// parse are freed when it ends, and the kept one when the thread exits (the key's destructor).
enum CmarkArena {
    /// The smallest first chunk; chunks added during a parse double the space reserved so far.
    static let minimumChunk = 16 * 1024
    /// The largest first chunk a thread keeps between parses; a parse that wants more gets one of its own.
    static let largestKeptChunk = 1 << 20

    /// Runs `body` with the allocator cmark must use for everything it allocates inside it.
    ///
    /// `expectedBytes`: the input's size, to size the first chunk (a parse allocates about 14 times its input).
    /// Not reentrant on one thread: cmark never calls back into Swift while parsing, so nothing can nest.
    static func withMemory<Result>(expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result) -> Result {
        measuringMemory(expectedBytes: expectedBytes, body).0
    }

    /// Like `withMemory`, and also reports the chunks the parse used and their bytes (for tests and tuning).
    static func measuringMemory<Result>(
        expectedBytes: Int, _ body: (UnsafeMutablePointer<cmark_mem>) -> Result
    ) -> (Result, chunks: Int, reserved: Int) {
        let arena = threadArena()
        let capacity = (max(minimumChunk, 16 * expectedBytes + 4 * 1024) + 4095) / 4096 * 4096
        let began = wm_cmark_arena_begin(arena, capacity, largestKeptChunk)
        precondition(began == 1, "a cmark arena is already in use on this thread")
        defer { wm_cmark_arena_finish(arena) }
        let result = body(wm_cmark_arena_memory())
        return (result, arena.pointee.chunks, arena.pointee.reserved)
    }

    /// Where each thread keeps its arena; the destructor frees it (and its kept chunk) when the thread exits.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { state in
            guard let arena = state?.assumingMemoryBound(to: wm_cmark_arena.self) else { return }
            wm_cmark_arena_release(arena)
            arena.deallocate()
        }
        guard created == 0 else { fatalError("no thread-specific key left for the cmark arena") }
        return key
    }()

    /// The calling thread's arena, made on its first parse.
    private static func threadArena() -> UnsafeMutablePointer<wm_cmark_arena> {
        if let existing = pthread_getspecific(slot) { return existing.assumingMemoryBound(to: wm_cmark_arena.self) }
        let made = UnsafeMutablePointer<wm_cmark_arena>.allocate(capacity: 1)
        made.initialize(to: wm_cmark_arena())
        pthread_setspecific(slot, made)
        return made
    }
}
