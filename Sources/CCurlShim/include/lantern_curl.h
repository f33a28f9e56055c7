#ifndef LANTERN_CURL_H
#define LANTERN_CURL_H

#include <stddef.h>

/// What `lantern_curl_request` found.
enum {
    /// The server answered; `*status` holds its final HTTP status (after redirects).
    LANTERN_CURL_ANSWERED = 0,
    /// No answer: `message` says why (unknown host, refused, bad certificate…).
    LANTERN_CURL_UNREACHABLE = 1,
    /// No answer within the time limit.
    LANTERN_CURL_TIMED_OUT = 2,
    /// libcurl.so.4 could not be loaded, or lacks a function this file calls.
    LANTERN_CURL_MISSING = 3,
};

/// Loads libcurl (once, on first use); 0 when it is there and usable.
int lantern_curl_load(void);

/// Asks `url` (http or https only) with HEAD when `head` is non-zero, else GET (the body is not
/// read past its first bytes), following up to 10 redirects, within `timeout_ms` in all.
/// Safe to call from several threads at once. `message` receives a short reason when the answer
/// is not LANTERN_CURL_ANSWERED.
int lantern_curl_request(const char *url, int head, long timeout_ms, const char *user_agent,
                         long *status, char *message, size_t message_size);

#endif
