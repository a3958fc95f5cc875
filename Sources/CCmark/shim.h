#ifndef WM_CCMARK_SHIM_H
#define WM_CCMARK_SHIM_H

#include <cmark.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The allocator cmark parses with (used by PromptCompiler's CmarkArena, which owns each arena's lifetime).
//
// cmark's allocator callbacks take no context, so the arena in use is found through a thread-local pointer.
// In C this costs a few instructions per allocation; callbacks written in Swift cost about 120 (a
// thread-specific key lookup, a lazy global, and the closure thunk), about 40,000 instructions per parse of
// a typical prompt.
//
// Everything here is `static`: each module that calls these functions gets its own copy of them and of the
// thread-local pointer. Call them only through PromptCompiler's `CmarkArena`, so that there is one.

/// One thread's bump arena: chunks bumped through, each allocation preceded by 16 bytes holding its size
/// (payloads stay 16-byte aligned). `free` gives back only the most recent allocation; everything else is
/// given back when the parse ends. A chunk's first word points to the chunk before it.
typedef struct wm_cmark_arena {
    /// The first chunk, kept from one parse to the next (NULL before the first parse), and its size.
    unsigned char *kept;
    size_t kept_capacity;
    /// The current chunk, the next free byte in it, and its end.
    unsigned char *chunk;
    unsigned char *next;
    unsigned char *end;
    /// The most recent allocation's payload: the only one `free` and `realloc` can give back or grow in place.
    unsigned char *last;
    /// Bytes of the chunks this parse used, and how many there were.
    size_t reserved;
    size_t chunks;
} wm_cmark_arena;

enum { WM_CMARK_HEADER = 16 };

/// The calling thread's arena during a parse; NULL outside one.
static _Thread_local wm_cmark_arena *wm_cmark_current = NULL;

static inline void wm_cmark_fail(const char *message) {
    fputs(message, stderr);
    abort();
}

static inline unsigned char *wm_cmark_system_chunk(size_t bytes) {
    unsigned char *chunk = (unsigned char *)malloc(bytes);
    if (chunk == NULL) wm_cmark_fail("out of memory for a cmark parse\n");
    return chunk;
}

static inline size_t wm_cmark_round_up(size_t bytes, size_t multiple) {
    return (bytes + multiple - 1) / multiple * multiple;
}

static inline void wm_cmark_add_chunk(wm_cmark_arena *arena, size_t needed) {
    size_t wanted = arena->reserved > needed + WM_CMARK_HEADER ? arena->reserved : needed + WM_CMARK_HEADER;
    size_t capacity = wm_cmark_round_up(wanted, 4096);
    unsigned char *added = wm_cmark_system_chunk(capacity);
    *(unsigned char **)added = arena->chunk;
    arena->chunk = added;
    arena->next = added + WM_CMARK_HEADER;
    arena->end = added + capacity;
    arena->reserved += capacity;
    arena->chunks += 1;
}

static inline void *wm_cmark_allocate(wm_cmark_arena *arena, size_t size) {
    if (size > ((size_t)-1) / 2) wm_cmark_fail("cmark asked for an impossible allocation\n");
    size_t needed = WM_CMARK_HEADER + wm_cmark_round_up(size, WM_CMARK_HEADER);
    if ((size_t)(arena->end - arena->next) < needed) wm_cmark_add_chunk(arena, needed);
    *(size_t *)arena->next = size;
    unsigned char *payload = arena->next + WM_CMARK_HEADER;
    arena->next += needed;
    arena->last = payload;
    return payload;
}

static inline wm_cmark_arena *wm_cmark_arena_in_use(void) {
    wm_cmark_arena *arena = wm_cmark_current;
    if (arena == NULL) wm_cmark_fail("cmark allocated outside CmarkArena.withMemory\n");
    return arena;
}

static inline void *wm_cmark_calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) wm_cmark_fail("cmark asked for an impossible allocation\n");
    void *payload = wm_cmark_allocate(wm_cmark_arena_in_use(), bytes);
    memset(payload, 0, bytes);
    return payload;
}

static inline void *wm_cmark_realloc(void *pointer, size_t size) {
    wm_cmark_arena *arena = wm_cmark_arena_in_use();
    unsigned char *payload = (unsigned char *)pointer;
    if (payload == NULL) return wm_cmark_allocate(arena, size);
    size_t old = *(size_t *)(payload - WM_CMARK_HEADER);
    size_t rounded = wm_cmark_round_up(size, WM_CMARK_HEADER);
    if (payload == arena->last && (size_t)(arena->end - payload) >= rounded) {
        *(size_t *)(payload - WM_CMARK_HEADER) = size;
        arena->next = payload + rounded;
        return payload;
    }
    if (size <= old) return payload;
    void *moved = wm_cmark_allocate(arena, size);
    memcpy(moved, payload, old);
    return moved;
}

static inline void wm_cmark_free(void *pointer) {
    wm_cmark_arena *arena = wm_cmark_arena_in_use();
    if (pointer == NULL || pointer != arena->last) return;
    arena->next = (unsigned char *)pointer - WM_CMARK_HEADER;
    arena->last = NULL;
}

/// The callbacks cmark must use for every allocation of a parse between `begin` and `finish`.
static inline cmark_mem *wm_cmark_arena_memory(void) {
    static cmark_mem memory = {wm_cmark_calloc, wm_cmark_realloc, wm_cmark_free};
    return &memory;
}

/// Makes `arena` the calling thread's arena with a first chunk of at least `capacity` bytes: the kept one
/// when it is large enough; otherwise a new one, kept when it is at most `largest_kept` bytes.
/// Returns 0, changing nothing, when the thread has an arena in use already.
static inline int wm_cmark_arena_begin(wm_cmark_arena *arena, size_t capacity, size_t largest_kept) {
    if (wm_cmark_current != NULL) return 0;
    unsigned char *first;
    if (arena->kept != NULL && capacity <= arena->kept_capacity) {
        first = arena->kept;
        arena->reserved = arena->kept_capacity;
    } else if (capacity <= largest_kept) {
        free(arena->kept);
        first = wm_cmark_system_chunk(capacity);
        arena->kept = first;
        arena->kept_capacity = capacity;
        arena->reserved = capacity;
    } else {
        first = wm_cmark_system_chunk(capacity);
        arena->reserved = capacity;
    }
    *(unsigned char **)first = NULL;
    arena->chunk = first;
    arena->next = first + WM_CMARK_HEADER;
    arena->end = first + arena->reserved;
    arena->last = NULL;
    arena->chunks = 1;
    wm_cmark_current = arena;
    return 1;
}

/// Frees every chunk of the parse except the kept one, and leaves the thread with no arena in use.
static inline void wm_cmark_arena_finish(wm_cmark_arena *arena) {
    unsigned char *chunk = arena->chunk;
    while (chunk != NULL) {
        unsigned char *before = *(unsigned char **)chunk;
        if (chunk != arena->kept) free(chunk);
        chunk = before;
    }
    arena->chunk = NULL;
    arena->next = NULL;
    arena->end = NULL;
    arena->last = NULL;
    wm_cmark_current = NULL;
}

/// Frees the kept chunk (when the thread that owns `arena` exits).
static inline void wm_cmark_arena_release(wm_cmark_arena *arena) {
    free(arena->kept);
    arena->kept = NULL;
    arena->kept_capacity = 0;
}

#endif
