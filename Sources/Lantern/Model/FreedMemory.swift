import CLanternSystem

/// Hands memory the build has freed back to the system.
///
/// glibc's allocator keeps freed memory in its arenas for reuse and returns only the very top of
/// the heap, so a build's resident memory stayed near its high-water mark: a family's routes and
/// pages are freed after each batch, but live values allocated in between pin the pages around
/// them. `malloc_trim` gives every whole free page back (`madvise`). Called after loading and after
/// each rendered batch (181 times on 100 000 pages, 99 ms in all; 49 times, 12 ms, on 10 000),
/// it took a 100 000-page build's peak RSS from 265–309 to 252–255 MiB (Benchmarks/README.md).
enum FreedMemory {
    static func giveBack() { lantern_release_free_memory() }
}
