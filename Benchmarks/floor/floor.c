/*
 * The Markdown floor: libcmark-gfm alone reading, rendering and writing the bodies of a generated
 * Lantern site, on all cores. Lantern's build can never be cheaper than this, so its CPU time is
 * quoted as a multiple of this program's.
 *
 *   cc -O2 -pthread floor.c -o floor -lcmark-gfm-extensions -lcmark-gfm
 *   floor [-j THREADS] [--unlocked-parse] CONTENT_DIR OUT_DIR
 *
 * CONTENT_DIR is a Lantern site's content/ folder. Every *.md file in it and in its sub-folders
 * (except data/ and images/) is read, its front matter (a first line "---" up to the next "---"
 * line) is stripped, the body is rendered to HTML with the same extensions Lantern enables
 * (table, strikethrough, autolink, tasklist, tagfilter) and written to OUT_DIR/<folder>/<name>.html.
 *
 * One parser per thread, reused from page to page (cmark_parser_finish resets it). The extension
 * registry is process-wide: it is filled once, before any thread starts. Parsing is serialised
 * with a mutex by default, as Lantern does: Debian's libcmark-gfm 0.29.0.gfm.6 keeps the inline
 * parser's special-character table in one process-wide array that every finishing parser edits,
 * so concurrent parses lose `~~strike~~` and autolinks at random. --unlocked-parse drops the lock
 * (wrong output at random, shown for the curious). Rendering runs in parallel either way.
 */
#define _GNU_SOURCE
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *EXTENSIONS[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};
#define N_EXT (sizeof EXTENSIONS / sizeof *EXTENSIONS)

typedef struct { char *in; char *out; } job;

static job *jobs;
static size_t n_jobs, cap_jobs;
static atomic_size_t next_job;
static atomic_size_t bytes_in, bytes_out;
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;
static int lock_parse = 1;
static const int OPTIONS = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG;

static void die(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* Collects the .md files under in/rel into jobs, creating the matching output folders. */
static void walk(const char *in, const char *out, const char *rel) {
    char dir[4096], odir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", in, *rel ? "/" : "", rel);
    snprintf(odir, sizeof odir, "%s%s%s", out, *rel ? "/" : "", rel);
    if (mkdir(odir, 0755) != 0 && errno != EEXIST) die("cannot create", odir);
    DIR *d = opendir(dir);
    if (!d) die("cannot open", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[8192], sub[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) die("cannot stat", path);
        if (S_ISDIR(st.st_mode)) {
            if (!*rel && (!strcmp(e->d_name, "data") || !strcmp(e->d_name, "images"))) continue;
            walk(in, out, sub);
        } else if (ends_with(e->d_name, ".md")) {
            if (n_jobs == cap_jobs) {
                cap_jobs = cap_jobs ? cap_jobs * 2 : 1024;
                jobs = realloc(jobs, cap_jobs * sizeof *jobs);
                if (!jobs) die("out of memory", "");
            }
            char o[8192];
            snprintf(o, sizeof o, "%s/%.*s.html", odir, (int)(strlen(e->d_name) - 3), e->d_name);
            jobs[n_jobs].in = strdup(path);
            jobs[n_jobs].out = strdup(o);
            n_jobs++;
        }
    }
    closedir(d);
}

/* Reads path whole into *buf (grown as needed); returns its length. */
static size_t read_file(const char *path, char **buf, size_t *cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("cannot read", path);
    struct stat st;
    if (fstat(fd, &st) != 0) die("cannot stat", path);
    size_t need = (size_t)st.st_size + 1;
    if (need > *cap) {
        *cap = need * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf) die("out of memory", path);
    }
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, *buf + len, *cap - 1 - len);
        if (n < 0) die("cannot read", path);
        if (n == 0) break;
        len += (size_t)n;
        if (len == *cap - 1) {
            *cap *= 2;
            *buf = realloc(*buf, *cap);
            if (!*buf) die("out of memory", path);
        }
    }
    close(fd);
    (*buf)[len] = 0;
    return len;
}

/* Offset of the body: after a front matter block "---\n ... \n---\n", or 0 if there is none. */
static size_t body_start(const char *s, size_t len) {
    if (len < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r')) return 0;
    const char *p = memchr(s, '\n', len);
    while (p && (size_t)(p - s) + 1 < len) {
        const char *line = p + 1;
        const char *eol = memchr(line, '\n', len - (size_t)(line - s));
        size_t l = eol ? (size_t)(eol - line) : len - (size_t)(line - s);
        if (l > 0 && line[l - 1] == '\r') l--;
        if (l == 3 && memcmp(line, "---", 3) == 0) return eol ? (size_t)(eol - s) + 1 : len;
        p = eol;
    }
    return 0;
}

static void *worker(void *arg) {
    (void)arg;
    cmark_parser *parser = cmark_parser_new(OPTIONS);
    for (size_t i = 0; i < N_EXT; i++)
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(EXTENSIONS[i]));
    cmark_llist *exts = cmark_parser_get_syntax_extensions(parser);
    char *buf = NULL;
    size_t cap = 0, in_total = 0, out_total = 0;
    for (;;) {
        size_t i = atomic_fetch_add(&next_job, 1);
        if (i >= n_jobs) break;
        size_t len = read_file(jobs[i].in, &buf, &cap);
        size_t start = body_start(buf, len);
        in_total += len;
        if (lock_parse) pthread_mutex_lock(&parse_lock);
        cmark_parser_feed(parser, buf + start, len - start);
        cmark_node *doc = cmark_parser_finish(parser);
        if (lock_parse) pthread_mutex_unlock(&parse_lock);
        char *html = cmark_render_html(doc, OPTIONS, exts);
        size_t hl = strlen(html);
        int fd = open(jobs[i].out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) die("cannot write", jobs[i].out);
        for (size_t done = 0; done < hl;) {
            ssize_t n = write(fd, html + done, hl - done);
            if (n < 0) die("cannot write", jobs[i].out);
            done += (size_t)n;
        }
        close(fd);
        out_total += hl;
        free(html);
        cmark_node_free(doc);
    }
    atomic_fetch_add(&bytes_in, in_total);
    atomic_fetch_add(&bytes_out, out_total);
    free(buf);
    cmark_parser_free(parser);
    return NULL;
}

int main(int argc, char **argv) {
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    int a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (!strcmp(argv[a], "-j") && a + 1 < argc) threads = atol(argv[++a]);
        else if (!strcmp(argv[a], "--unlocked-parse")) lock_parse = 0;
        else break;
    }
    if (argc - a != 2 || threads < 1) {
        fprintf(stderr, "usage: floor [-j THREADS] [--unlocked-parse] CONTENT_DIR OUT_DIR\n");
        return 2;
    }
    const char *in = argv[a], *out = argv[a + 1];
    walk(in, out, "");
    /* The extension registry is process-wide and not thread-safe: fill it before threads start. */
    cmark_gfm_core_extensions_ensure_registered();
    for (size_t i = 0; i < N_EXT; i++)
        if (!cmark_find_syntax_extension(EXTENSIONS[i])) {
            fprintf(stderr, "floor: libcmark-gfm has no %s extension\n", EXTENSIONS[i]);
            return 1;
        }
    pthread_t *t = calloc((size_t)threads, sizeof *t);
    for (long i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (long i = 0; i < threads; i++) pthread_join(t[i], NULL);
    fprintf(stderr, "floor: %zu pages, %zu bytes read, %zu bytes of HTML written, %ld threads%s\n",
            n_jobs, (size_t)bytes_in, (size_t)bytes_out, threads,
            lock_parse ? "" : ", unlocked parse");
    return 0;
}
