// Shared by line-scan.c (cuts lines, reads traffic lines into records) and traffic-aggregate.c (counts them).
// The record layout and kinds are read by src/parsers/haproxy-log/line-scanner.ts under the same names.
#include <wasm_simd128.h>

typedef unsigned char u8;

#define EXPORT(type, name) __attribute__((export_name(#name))) type name

// record kinds: SLOW (the TypeScript path reads the line), a traffic line, or one already counted by aggregate()
#define SLOW 0
#define HTTP 1
#define TCP 2
#define COUNTED 3

// record fields
enum {
  R_START, R_NL, R_END, R_KIND, R_CLIENT_START, R_CLIENT_END, R_DATE_START, R_DATE_END, R_FE_START, R_FE_END,
  R_SRV_START, R_SRV_SLASH, R_SRV_END, R_N_TIMERS, R_STATUS, R_BYTES, R_BYTES_PARTIAL, R_CC_START, R_CC_END,
  R_CS_START, R_CS_END, R_TS_START, R_TS_END, R_AFTER_QUEUE, R_TIMERS, R_CONNS = R_TIMERS + 5, R_QUEUE = R_CONNS + 5,
  R_FIELDS = R_QUEUE + 2
};

/** Counts the traffic line of record r (traffic-aggregate.c); 0 when it is left to the TypeScript path. */
int aggregate(const u8 *b, const int *r, double line);
