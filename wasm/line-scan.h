// Shared by line-scan.c (cuts lines, reads traffic lines into records), clf-scan.c (CLF traffic lines),
// traffic-aggregate.c (counts them) and event-count.c (counts the event lines it knows).
// The record layout and kinds are read by src/parsers/haproxy-log/line-scanner.ts under the same names.
#include <wasm_simd128.h>

typedef unsigned char u8;

#define EXPORT(type, name) __attribute__((export_name(#name))) type name

// record kinds: SLOW (the TypeScript path reads the line), a traffic line, or one already counted by aggregate()
#define SLOW 0
#define HTTP 1
#define TCP 2
#define COUNTED 3
// an event line or an error-log-format warning the module read while the report still keeps events: the TypeScript
// side keeps it (LogSummarizer.addKeptEvent) from the record's entry and time (event-count.c)
#define KEPT_EVENT 4
#define KEPT_WARNING 5

// longest line read (line-scan.c): longer ones are SLOW
#define MAX_LINE (64 * 1024)

// record fields
enum {
  R_START, R_NL, R_END, R_KIND, R_CLIENT_START, R_CLIENT_END, R_DATE_START, R_DATE_END, R_FE_START, R_FE_END,
  R_SRV_START, R_SRV_SLASH, R_SRV_END, R_N_TIMERS, R_STATUS, R_BYTES, R_BYTES_PARTIAL, R_CC_START, R_CC_END,
  R_CS_START, R_CS_END, R_TS_START, R_TS_END, R_AFTER_QUEUE, R_TIMERS, R_CONNS = R_TIMERS + 5, R_QUEUE = R_CONNS + 5,
  R_FIELDS = R_QUEUE + 2,
  // a kept event line: the remembered message's entry, and the header's time (a double: 8-aligned)
  R_EVENT_ENTRY = R_CLIENT_START, R_EVENT_TIME = R_DATE_START
};
_Static_assert(R_EVENT_TIME % 2 == 0, "the header time of a kept event is a double");

/** Where lines are read from (line-scan.c), with 16 bytes of room after its end. */
extern u8 chunk[];

/** Counts the traffic line of record r (traffic-aggregate.c); 0 when it is left to the TypeScript path. */
int aggregate(const u8 *b, const int *r, double line);
/** Takes a counted line's time into the first and last time counted (traffic-aggregate.c); NaN: none. */
void noteTime(double time);
/**
 * A remembered event line (event-count.c): COUNTED, KEPT_EVENT (record r filled), or 0 when it is left to the
 * TypeScript path.
 */
int countEvent(const u8 *b, int start, int p, int end, int tsStart, int tsEnd, int tsBsd, int *r);
/** An error-log-format warning line (event-count.c): COUNTED, KEPT_WARNING (record r filled), or 0 (TypeScript's). */
int countWarning(const u8 *b, int start, int p, int end, int tsStart, int tsEnd, int tsBsd, int *r);
/** Empties the event counts (event-count.c; with every other aggregate). */
void resetEventCounts(void);
/**
 * A CLF traffic line b[p, end) into record r, for aggregate() only (its server offsets point outside the line):
 * HTTP, or SLOW (clf-scan.c).
 */
int scanClf(const u8 *b, int p, int end, int *r);

/** monthAt of syslog-header.ts: 0 to 11, -1 when b[a, a + 3) names no month. */
static inline int monthAt(const u8 *b, int a) {
  static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  for (int m = 0; m < 12; m++)
    if (b[a] == names[m * 3] && b[a + 1] == names[m * 3 + 1] && b[a + 2] == names[m * 3 + 2]) return m;
  return -1;
}

static inline unsigned long long load64(const u8 *p) {
  unsigned long long v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

/** Whether x[0, n) and y[0, n) hold the same bytes (no libc here): 8 bytes a step, both have 8 bytes of room after n. */
static inline int sameBytes(const u8 *x, const u8 *y, int n) {
  int k = 0;
  for (; k + 8 <= n; k += 8)
    if (load64(x + k) != load64(y + k)) return 0;
  if (k == n) return 1;
  unsigned long long mask = ~0ull >> (64 - 8 * (n - k));
  return ((load64(x + k) ^ load64(y + k)) & mask) == 0;
}

/** A hash of b[a, c), 8 bytes a step (byte by byte, FNV-1a took 10 ns of the 50 a line costs in aggregate()). */
static inline unsigned hashBytes(const u8 *b, int a, int c) {
  int len = c - a;
  unsigned long long h = (unsigned long long)len * 0x9E3779B97F4A7C15ull;
  int k = a;
  for (; k + 8 <= c; k += 8) h = (h ^ load64(b + k)) * 0xBF58476D1CE4E5B9ull;
  if (k < c) h = (h ^ (load64(b + k) & (~0ull >> (64 - 8 * (c - k))))) * 0x94D049BB133111EBull;
  return (unsigned)(h >> 32) ^ (unsigned)h;
}

/** A table of byte strings by hash: open addressing over `slots` (a power of two), the keys in `arena`. */
struct KeyTable {
  int *slots;
  int mask;
  const int *hash, *key, *len;
  const u8 *arena;
};

/** The index of b[a, c) (hash h) in t, or -1 when absent (*slot: where it would go). */
static inline __attribute__((always_inline)) int findKey(struct KeyTable t, const u8 *b, int a, int c, unsigned h, int *slot) {
  int len = c - a;
  int i = h & t.mask;
  for (;;) {
    int k = t.slots[i];
    if (k < 0) break;
    if (t.hash[k] == (int)h && t.len[k] == len && sameBytes(t.arena + t.key[k], b + a, len)) return k;
    i = (i + 1) & t.mask;
  }
  *slot = i;
  return -1;
}
