#ifndef HUELLA_ARENA_H
#define HUELLA_ARENA_H

#include <stddef.h>

// An arena for one libxml2 parse: every allocation libxml2 makes on the parsing thread
// between huella_arena_begin and huella_arena_end is carved from 1 MiB chunks of one
// reserved address range, and the whole document is given back at once by
// huella_arena_release (no walk of the tree, no free per node). Allocations made elsewhere,
// or that do not fit (a request of a chunk or more, or no chunk left), go to malloc, and the
// arena is then "mixed": its document must be freed with xmlFreeDoc before the release.
//
// The four huella_xml_* functions are libxml2's allocator (xmlMemSetup): memory inside the
// range is the arena's (free does nothing; realloc grows the latest block in place, or
// copies), memory outside it is malloc's, whenever and on whichever thread it was allocated.

typedef struct huella_arena huella_arena;

/// Reserves the address range (once); 0 when the system refuses it (then no parse uses an
/// arena, and libxml2 allocates with malloc as usual).
int huella_arena_available(void);

/// Starts an arena on this thread; NULL when the range is unavailable or used up. An
/// arena takes at most huella_arena_most_chunks chunks (then malloc, and it is mixed), so
/// no one parse can use the range up for the others.
huella_arena *huella_arena_begin(void);
/// As huella_arena_begin, with at most `chunks` chunks.
huella_arena *huella_arena_begin_limited(size_t chunks);
/// Stops allocating from the arena on this thread (NULL is ignored).
void huella_arena_end(huella_arena *arena);
/// Whether some of the parse's memory came from malloc (see above).
int huella_arena_mixed(const huella_arena *arena);
/// Bytes of chunks the arena holds.
size_t huella_arena_size(const huella_arena *arena);
/// Gives the arena's chunks back; nothing allocated in it may be used afterwards.
void huella_arena_release(huella_arena *arena);

/// Whether a pointer lies in the arenas' range.
int huella_arena_owns(const void *pointer);
/// Chunks given back and kept resident for the next parses, at most.
enum { huella_arena_warm_chunks = 32 };
/// Chunks one arena takes, at most (a parse of a 512 KiB page of ours took 10).
enum { huella_arena_most_chunks = 64 };

void *huella_xml_malloc(size_t size);
void *huella_xml_realloc(void *pointer, size_t size);
void huella_xml_free(void *pointer);
char *huella_xml_strdup(const char *string);

#endif
