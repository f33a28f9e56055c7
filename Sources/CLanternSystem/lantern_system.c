#define _GNU_SOURCE
#include "lantern_system.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
#endif

int lantern_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

// Under a sanitizer the heap is the sanitizer's, not glibc's: malloc_trim then walks arenas that
// hold nothing of ours (ThreadSanitizer crashed in it), so it is left out.
#if defined(__has_feature)
#  if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#    define LANTERN_SANITIZED_HEAP 1
#  endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#  define LANTERN_SANITIZED_HEAP 1
#endif

#if defined(__GLIBC__) && !defined(LANTERN_SANITIZED_HEAP)
#include <malloc.h>
#endif

void lantern_release_free_memory(void) {
#if defined(__GLIBC__) && !defined(LANTERN_SANITIZED_HEAP)
    malloc_trim(0);
#endif
}
