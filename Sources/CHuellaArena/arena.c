#include "huella_arena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define HUELLA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define HUELLA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#endif
#endif
#ifndef HUELLA_POISON
#define HUELLA_POISON(p, n) ((void)(p), (void)(n))
#define HUELLA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define CHUNK_BYTES ((size_t)1 << 20)
#define REGION_CHUNKS 1024 /* 1 GiB of address space, reserved, not committed */
#define HEADER 16          /* each allocation's size, keeping 16-byte alignment */

struct huella_arena {
    uint32_t *chunks; /* indices into the range, the current one last */
    size_t count, capacity, most;
    char *next, *end;  /* the current chunk's free room */
    char *latest;      /* the latest allocation's header, or NULL */
    int mixed;
};

static char *_Atomic region;
static pthread_once_t reserved = PTHREAD_ONCE_INIT;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
/* Chunks given back: warm ones are resident, cold ones were handed back to the system. */
static uint32_t warm[REGION_CHUNKS], cold[REGION_CHUNKS];
static size_t warm_count, cold_count, fresh; /* fresh: chunks never used are fresh..REGION_CHUNKS-1 */
static _Thread_local huella_arena *current;

static void reserve(void) {
    void *p = mmap(NULL, CHUNK_BYTES * REGION_CHUNKS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return;
    atomic_store(&region, (char *)p); /* its chunks are untouched until taken */
}

int huella_arena_available(void) {
    pthread_once(&reserved, reserve);
    return region != NULL;
}

int huella_arena_owns(const void *pointer) {
    char *start = atomic_load_explicit(&region, memory_order_acquire);
    return start != NULL && (uintptr_t)pointer - (uintptr_t)start < CHUNK_BYTES * REGION_CHUNKS;
}

static char *chunk_address(uint32_t index) { return region + (size_t)index * CHUNK_BYTES; }

/* A chunk for the arena, appended to its list; 0 when none is left. */
static int take_chunk(huella_arena *arena) {
    if (arena->count >= arena->most) return 0;
    if (arena->count == arena->capacity) {
        size_t capacity = arena->capacity ? arena->capacity * 2 : 8;
        uint32_t *grown = realloc(arena->chunks, capacity * sizeof *grown);
        if (!grown) return 0;
        arena->chunks = grown;
        arena->capacity = capacity;
    }
    uint32_t index;
    pthread_mutex_lock(&pool_lock);
    if (warm_count) index = warm[--warm_count];
    else if (cold_count) index = cold[--cold_count];
    else if (fresh < REGION_CHUNKS) index = (uint32_t)fresh++;
    else {
        pthread_mutex_unlock(&pool_lock);
        return 0;
    }
    pthread_mutex_unlock(&pool_lock);
    HUELLA_UNPOISON(chunk_address(index), CHUNK_BYTES);
    arena->chunks[arena->count++] = index;
    arena->next = chunk_address(index);
    arena->end = arena->next + CHUNK_BYTES;
    arena->latest = NULL;
    return 1;
}

huella_arena *huella_arena_begin(void) { return huella_arena_begin_limited(huella_arena_most_chunks); }

huella_arena *huella_arena_begin_limited(size_t chunks) {
    if (!huella_arena_available() || chunks == 0) return NULL;
    huella_arena *arena = calloc(1, sizeof *arena);
    if (!arena) return NULL;
    arena->most = chunks;
    if (!take_chunk(arena)) {
        free(arena);
        return NULL;
    }
    current = arena;
    return arena;
}

void huella_arena_end(huella_arena *arena) {
    if (arena && current == arena) current = NULL;
}

int huella_arena_mixed(const huella_arena *arena) { return arena->mixed; }

size_t huella_arena_size(const huella_arena *arena) { return arena->count * CHUNK_BYTES; }

void huella_arena_release(huella_arena *arena) {
    if (!arena) return;
    if (current == arena) current = NULL;
    for (size_t i = 0; i < arena->count; i++) HUELLA_POISON(chunk_address(arena->chunks[i]), CHUNK_BYTES);
    /* Warm first, as many as there is room for; the rest are handed back to the system
       (outside the lock: they are still this arena's until listed), then listed cold. */
    size_t kept = 0;
    pthread_mutex_lock(&pool_lock);
    while (kept < arena->count && warm_count < huella_arena_warm_chunks) warm[warm_count++] = arena->chunks[kept++];
    pthread_mutex_unlock(&pool_lock);
    if (kept < arena->count) {
        for (size_t i = kept; i < arena->count; i++) madvise(chunk_address(arena->chunks[i]), CHUNK_BYTES, MADV_DONTNEED);
        pthread_mutex_lock(&pool_lock);
        for (size_t i = kept; i < arena->count; i++) cold[cold_count++] = arena->chunks[i];
        pthread_mutex_unlock(&pool_lock);
    }
    free(arena->chunks);
    free(arena);
}

/* size bytes from the arena, or NULL (a chunk or more, or no chunk left). */
static void *arena_allocate(huella_arena *arena, size_t size) {
    if (size > CHUNK_BYTES - HEADER) return NULL;
    size_t need = HEADER + ((size + 15) & ~(size_t)15);
    if ((size_t)(arena->end - arena->next) < need && !take_chunk(arena)) return NULL;
    char *header = arena->next;
    memcpy(header, &size, sizeof size);
    arena->latest = header;
    arena->next = header + need;
    return header + HEADER;
}

void *huella_xml_malloc(size_t size) {
    huella_arena *arena = current;
    if (arena) {
        void *p = arena_allocate(arena, size);
        if (p) return p;
        arena->mixed = 1;
    }
    return malloc(size);
}

void huella_xml_free(void *pointer) {
    if (!pointer) return;
    if (!huella_arena_owns(pointer)) {
        free(pointer);
        return;
    }
    /* The arena's: given back with it. Not even the latest block's room is used again: a
       pointer freed here may be a stale one (libxml2's per-thread copy of its last error points
       into an earlier parse's arena until the next error), equal by chance to the latest. */
}

void *huella_xml_realloc(void *pointer, size_t size) {
    if (!pointer) return huella_xml_malloc(size);
    if (!huella_arena_owns(pointer)) return realloc(pointer, size);
    char *header = (char *)pointer - HEADER;
    size_t old;
    memcpy(&old, header, sizeof old);
    huella_arena *arena = current;
    if (arena && header == arena->latest && size <= CHUNK_BYTES - HEADER) {
        size_t need = HEADER + ((size + 15) & ~(size_t)15);
        if ((size_t)(arena->end - header) >= need) {
            memcpy(header, &size, sizeof size);
            arena->next = header + need;
            return pointer;
        }
    }
    void *moved = huella_xml_malloc(size);
    if (!moved) return NULL;
    memcpy(moved, pointer, old < size ? old : size);
    huella_xml_free(pointer);
    return moved;
}

char *huella_xml_strdup(const char *string) {
    if (!string) return NULL;
    size_t size = strlen(string) + 1;
    char *copy = huella_xml_malloc(size);
    if (copy) memcpy(copy, string, size);
    return copy;
}
