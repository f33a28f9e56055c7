#include "lantern_curl.h"
// curl.h's type-checking wrappers are macros around curl_easy_setopt; this file calls the
// function through a pointer, so it takes the plain declarations.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// `lantern check --external` is the only user of HTTP in Lantern. Foundation's URLSession (in
// FoundationNetworking) would link libcurl, OpenSSL, Kerberos, LDAP and ~25 more libraries into
// every run: ~7 MiB of resident memory for each build and preview that never asks a URL. So
// libcurl is loaded with dlopen the first time an address is checked, like libvips
// (lantern_vips.c). Every libcurl function called is listed here once and found with dlsym.
#define LANTERN_CURL_FUNCTIONS(X) \
    X(curl_global_init) X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_perform) \
    X(curl_easy_getinfo) X(curl_easy_cleanup) X(curl_easy_strerror)

#define LANTERN_DECLARE(name) static __typeof__(name) *lantern_p_##name;
LANTERN_CURL_FUNCTIONS(LANTERN_DECLARE)
#undef LANTERN_DECLARE

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = 1;

static void load_library(void) {
    void *curl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!curl) return;
    int missing = 0;
#define LANTERN_FIND(name) if (!(lantern_p_##name = (__typeof__(name) *)dlsym(curl, #name))) missing = 1;
    LANTERN_CURL_FUNCTIONS(LANTERN_FIND)
#undef LANTERN_FIND
    if (missing) return;
    // Not thread-safe in older libcurl: done once, here, before any handle exists.
    if (lantern_p_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return;
    load_status = 0;
}

int lantern_curl_load(void) {
    pthread_once(&load_once, load_library);
    return load_status;
}

struct body_guard { int stopped; };

// A GET is only asked when a server refuses HEAD, and only its status matters: the transfer is
// stopped at the first bytes of the body instead of downloading it.
static size_t stop_at_body(char *data, size_t size, size_t count, void *context) {
    (void)data;
    struct body_guard *guard = context;
    if (size * count == 0) return 0;
    guard->stopped = 1;
    return 0;
}

static void copy_message(char *message, size_t size, const char *text) {
    if (!message || size == 0) return;
    snprintf(message, size, "%s", text);
}

int lantern_curl_request(const char *url, int head, long timeout_ms, const char *user_agent,
                         long *status, char *message, size_t message_size) {
    *status = 0;
    if (lantern_curl_load() != 0) {
        copy_message(message, message_size, "libcurl (libcurl.so.4) could not be loaded");
        return LANTERN_CURL_MISSING;
    }
    CURL *handle = lantern_p_curl_easy_init();
    if (!handle) {
        copy_message(message, message_size, "libcurl could not start a request");
        return LANTERN_CURL_UNREACHABLE;
    }
    char error[CURL_ERROR_SIZE] = {0};
    struct body_guard guard = {0};
    if (timeout_ms < 1) timeout_ms = 1;
    lantern_p_curl_easy_setopt(handle, CURLOPT_URL, url);
    lantern_p_curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    // Threads: no signals for time limits (the process has other threads).
    lantern_p_curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    lantern_p_curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    lantern_p_curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    lantern_p_curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
    lantern_p_curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
    // Only web addresses, also after a redirect (never file://, ftp:// or a local socket).
#if LIBCURL_VERSION_NUM >= 0x075500
    int named = lantern_p_curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK
        && lantern_p_curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK;
#else
    int named = 0;
#endif
    if (!named) {
        // A libcurl older than 7.85 (the one loaded may be older than these headers).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        lantern_p_curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
        lantern_p_curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#pragma GCC diagnostic pop
    }
    if (user_agent) lantern_p_curl_easy_setopt(handle, CURLOPT_USERAGENT, user_agent);
    if (head) {
        lantern_p_curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else {
        lantern_p_curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    }
    lantern_p_curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, stop_at_body);
    lantern_p_curl_easy_setopt(handle, CURLOPT_WRITEDATA, &guard);

    CURLcode code = lantern_p_curl_easy_perform(handle);
    int outcome;
    if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && guard.stopped)) {
        long answered = 0;
        lantern_p_curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answered);
        *status = answered;
        outcome = answered > 0 ? LANTERN_CURL_ANSWERED : LANTERN_CURL_UNREACHABLE;
        if (answered == 0) copy_message(message, message_size, "no HTTP answer");
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        outcome = LANTERN_CURL_TIMED_OUT;
        copy_message(message, message_size, error[0] ? error : lantern_p_curl_easy_strerror(code));
    } else {
        outcome = LANTERN_CURL_UNREACHABLE;
        copy_message(message, message_size, error[0] ? error : lantern_p_curl_easy_strerror(code));
    }
    lantern_p_curl_easy_cleanup(handle);
    return outcome;
}
