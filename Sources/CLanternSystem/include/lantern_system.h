#ifndef LANTERN_SYSTEM_H
#define LANTERN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int lantern_rename_exchange(const char *from, const char *to);

/// Returns the heap's free pages to the system (glibc malloc_trim); elsewhere does nothing.
/// glibc keeps what a program frees for later allocations, so a long build's resident memory
/// stays at its high-water mark even after most of it was freed.
void lantern_release_free_memory(void);

#endif
