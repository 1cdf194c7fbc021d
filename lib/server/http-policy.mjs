// Limits shared by next.config.mjs (which Node loads as is, so this stays plain JavaScript) and the proxy.

// Every form here is a few fields; 64 KB is plenty (SPEC §7), and bigger bodies are refused with 413.
export const MAX_BODY_BYTES = 64 * 1024;

// How much of a body Next copies for the proxy (experimental.proxyClientMaxBodySize); Next also cuts what the
// page receives at this size. A socket read is at most 64 KB, so a body cut here still shows the proxy more
// than MAX_BODY_BYTES and is refused. It also bounds what one oversized request holds in memory.
export const PROXY_BODY_COPY_BYTES = 4 * MAX_BODY_BYTES;

// A Content-Length over MAX_BODY_BYTES, as the regular expression Next's `has`/`missing` conditions take (they
// anchor it). Such a request skips the proxy, which could only answer once Next had read the whole body, and
// is rewritten to a route that answers 413 at once (see next.config.mjs).
export const OVER_MAX_BODY_LENGTH = "0*(?:[1-9]\\d{5,}|[7-9]\\d{4}|6[6-9]\\d{3}|65[6-9]\\d{2}|655[4-9]\\d|6553[7-9])";
