#ifndef LANTERN_SYSTEM_H
#define LANTERN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int lantern_rename_exchange(const char *from, const char *to);

#endif
