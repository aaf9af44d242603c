// The hot loop of `logs` on regular files, compiled to WebAssembly (scripts/build-wasm.mjs): cuts a chunk of the
// log into lines and reads each line that is a traffic line after the cached syslog prefix. It is the byte-for-byte
// twin of three pieces of TypeScript, and must change with them:
//   - the newline search of ChunkLineSplitter.push and the CR/length handling of ByteLineSplitter.emit,
//   - the prefix match of LogSummarizer.addBytes (prefixLike, timestampLike, the no-header mode),
//   - scanTrafficBytes (traffic-scan-bytes.ts).
// Any line it is not sure of (no prefix match, not a traffic line, a number of 10 digits or more, a non-ASCII
// termination state, a line over MAX_LINE) is handed back as SLOW and goes through LogSummarizer.addBytes: the result
// is the TypeScript path's whatever this file decides (test/logs/line-scanner.test.ts and logs.test.ts compare them).
// While it counts (`logs` without filters), the lines that are no traffic line are offered, in addBytes' order, to
// clf-scan.c (CLF lines) and event-count.c (event lines and warnings it was shown) before they are handed back.
// Why WebAssembly: these byte loops ran 1.4x faster here than in V8's JavaScript (138 against 195 ns a line on the
// bench log), SIMD finds newlines 16 bytes a step, and counting the lines here (traffic-aggregate.c) spares a call
// per line into JavaScript and most of its warm-up.
#include "line-scan.h"

#define CHUNK (1 << 18)
#define MAX_RECORDS 4096
#define STRIDE 40
#define MAX_PREFIX 1024

// prefix timestamp kinds (summary.ts PREFIX_TS_*)
#define TS_EXACT 0
#define TS_BSD 1
#define TS_ISO 2
#define TS_TOKEN 3

_Static_assert(R_FIELDS <= STRIDE, "record stride");

u8 chunk[CHUNK + 16] __attribute__((aligned(16)));
static int records[MAX_RECORDS * STRIDE] __attribute__((aligned(8)));
static u8 prefix[MAX_PREFIX + 16] __attribute__((aligned(16)));
// prefix state, set by setPrefix: its length (0: none), timestamp [tsStart, tsEnd) and kind, the no-header mode
static int prefixLen, prefixTsStart, prefixTsEnd, prefixTsKind, noHeader;
// whether scanLines counts the traffic lines it reads (aggregate) or leaves them to the caller
static int aggregating;
// where the last scanLines call stopped (just after the newline of its last line)
static int stopped;

EXPORT(int, chunkAddress)(void) { return (int)chunk; }
EXPORT(int, chunkSize)(void) { return CHUNK; }
EXPORT(int, recordsAddress)(void) { return (int)records; }
EXPORT(int, recordStride)(void) { return STRIDE; }
EXPORT(int, maxRecords)(void) { return MAX_RECORDS; }
EXPORT(int, prefixAddress)(void) { return (int)prefix; }
EXPORT(int, maxPrefix)(void) { return MAX_PREFIX; }
EXPORT(int, maxLine)(void) { return MAX_LINE; }
EXPORT(int, stoppedAt)(void) { return stopped; }

/** The prefix bytes are written at prefixAddress() by the caller first. */
EXPORT(void, setPrefix)(int len, int tsStart, int tsEnd, int tsKind, int noHeaderMode) {
  prefixLen = len;
  prefixTsStart = tsStart;
  prefixTsEnd = tsEnd;
  prefixTsKind = tsKind;
  noHeader = noHeaderMode;
}

static inline int isDigit(int c) { return c >= 48 && c <= 57; }

/** A byte a client address starts with: a hex digit, a colon (IPv6) or `u` (unix@...). */
static inline int isClientStart(int c) { return (c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c == 117; }

/**
 * First index in [i, end) holding byte c, or end (indexOfByte), 16 bytes a step: every line lies inside `chunk`,
 * which has 16 bytes of room after its end, so a vector load never leaves the memory.
 */
static inline int indexOfByte(const u8 *b, int c, int i, int end) {
  const v128_t needle = wasm_i8x16_splat(c);
  while (i < end) {
    int m = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(b + i), needle));
    if (m != 0) {
      int k = i + __builtin_ctz(m);
      return k < end ? k : end;
    }
    i += 16;
  }
  return end;
}

/** First newline in [i, end), or -1. */
static int newline(const u8 *b, int i, int end) {
  int k = indexOfByte(b, 10, i, end);
  return k < end ? k : -1;
}

/** Whether b[a, a + len) holds prefix[0, len) (prefix has 16 bytes of room too). */
static int samePrefix(const u8 *b, int a, int len) {
  int k = 0;
  for (; k + 16 <= len; k += 16)
    if (!wasm_i8x16_all_true(wasm_i8x16_eq(wasm_v128_load(b + a + k), wasm_v128_load(prefix + k)))) return 0;
  if (k == len) return 1;
  int m = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(b + a + k), wasm_v128_load(prefix + k)));
  int want = (1 << (len - k)) - 1;
  return (m & want) == want;
}

/** timestampLike of summary.ts. */
static int timestampLike(const u8 *b, int a, int c, int p0, int kind) {
  int len = c - a;
  if (kind == TS_BSD) {
    if (len < 15 || b[a] != prefix[p0] || b[a + 1] != prefix[p0 + 1] || b[a + 2] != prefix[p0 + 2]) return 0;
    int d1 = b[a + 4];
    if (b[a + 3] != 32 || !(d1 == 32 || isDigit(d1)) || !isDigit(b[a + 5]) || b[a + 6] != 32 || !isDigit(b[a + 7]) ||
        !isDigit(b[a + 8]) || b[a + 9] != 58 || !isDigit(b[a + 10]) || !isDigit(b[a + 11]) || b[a + 12] != 58 ||
        !isDigit(b[a + 13]) || !isDigit(b[a + 14]))
      return 0;
    if (len == 15) return 1;
    if (b[a + 15] != 46) return 0;
    for (int k = a + 16; k < c; k++)
      if (!isDigit(b[k])) return 0;
    return 1;
  }
  if (kind == TS_ISO) {
    if (len < 19 || !isDigit(b[a]) || !isDigit(b[a + 3]) || b[a + 4] != 45 || b[a + 7] != 45 || b[a + 10] != 84 || b[a + 13] != 58) return 0;
    for (int k = a; k < c; k++)
      if (b[k] == 32) return 0;
    return 1;
  }
  if (kind == TS_TOKEN) {
    if (len == 1 && b[a] == 45) return 0;
    for (int k = a; k < c; k++)
      if (b[k] == 32) return 0;
    return 1;
  }
  for (int k = 0; k < len; k++)
    if (b[a + k] != prefix[p0 + k]) return 0;
  return 1;
}

/** Message offset of the line starting at `start` after the cached prefix (prefix match of addBytes), or -1. */
static int messageStart(const u8 *b, int start, int end) {
  int pl = prefixLen;
  if (pl > 0) {
    if (end - start <= pl) return -1;
    if (samePrefix(b, start, pl)) return start + pl;
    int k;
    // prefixLike: the same bytes but for a timestamp of the same shape, which the cached prefix then takes
    int tsEnd = prefixTsEnd, tsStart = prefixTsStart;
    for (k = pl - 1; k >= tsEnd; k--)
      if (b[start + k] != prefix[k]) return -1;
    for (k = tsStart - 1; k >= 0; k--)
      if (b[start + k] != prefix[k]) return -1;
    if (tsEnd > tsStart) {
      if (!timestampLike(b, start + tsStart, start + tsEnd, tsStart, prefixTsKind)) return -1;
      for (k = tsStart; k < tsEnd; k++) prefix[k] = b[start + k];
    }
    return start + pl;
  }
  if (noHeader && end - start > 5 && !(b[start + 4] == 45 && b[start] <= 57 && b[start + 1] <= 57)) return start;
  return -1;
}

/**
 * A number [-+]?digits (sign as `signs` allows: 1 '-', 2 '+', 3 both) at *ip: its value in *out, 1 when read;
 * 0 when there is none or it has 10 digits or more (a value the int32 record cannot hold: the line is then SLOW).
 * (Digit by digit: a SWAR, a SIMD and a branch-free reading of the digits all measured slower here. Always inlined:
 * a call keeps `i` and the value in the shadow stack in linear memory, which made the whole scan 30% slower.)
 */
static inline __attribute__((always_inline)) int number(const u8 *b, int *ip, int end, int signs, int *out) {
  int i = *ip;
  int c = i < end ? b[i] : -1;
  int neg = 0;
  if (c == 45 && (signs & 1)) {
    neg = 1;
    c = ++i < end ? b[i] : -1;
  } else if (c == 43 && (signs & 2)) {
    c = ++i < end ? b[i] : -1;
  }
  int d0 = i, v = 0;
  // b[end] is the line's CR or LF, never a digit: the loop stops there without a bounds check
  while (isDigit(c)) {
    if (i - d0 == 9) return 0;
    v = v * 10 + c - 48;
    c = b[++i];
  }
  if (i == d0) return 0;
  *out = neg ? -v : v;
  *ip = i;
  return 1;
}

/**
 * scanTrafficBytes on b[p, end) into record r: HTTP or TCP, or SLOW when it fails (or would need a value of 10
 * digits or more: the TypeScript scanner then decides).
 */
static int scanTraffic(const u8 *b, int p, int end, int *r) {
  if (p >= end) return SLOW;
  if (!isClientStart(b[p])) return SLOW;
  int c;
  int i = indexOfByte(b, 32, p + 1, end);
  // the port follows a colon (scanTrafficBytes looks for the last one; only whether there is one matters)
  int colon = i - 1;
  while (colon >= p && b[colon] != 58) colon--;
  if (i + 2 >= end || colon < p || b[i + 1] != 91) return SLOW;
  c = b[i + 2];
  if (!isDigit(c)) return SLOW;
  r[R_CLIENT_START] = p;
  r[R_CLIENT_END] = i;
  r[R_DATE_START] = i + 2;
  i = indexOfByte(b, 93, i + 3, end);
  if (i + 2 >= end || b[i + 1] != 32) return SLOW;
  r[R_DATE_END] = i;
  int fe = i + 2;
  i = indexOfByte(b, 32, fe, end);
  if (i == fe || i >= end) return SLOW;
  r[R_FE_START] = fe;
  r[R_FE_END] = i;
  int sv = i + 1;
  i = indexOfByte(b, 32, sv, end);
  if (i >= end) return SLOW;
  int slash = indexOfByte(b, 47, sv, i);
  if (slash <= sv || slash >= i - 1) return SLOW;
  r[R_SRV_START] = sv;
  r[R_SRV_SLASH] = slash;
  r[R_SRV_END] = i;
  // timers: 5 (HTTP) or 3 (TCP), '/'-separated
  int n = 0;
  i++;
  for (;;) {
    if (!number(b, &i, end, 3, &r[R_TIMERS + n])) return SLOW;
    n++;
    c = i < end ? b[i] : -1;
    if (c == 32 || c < 0) break;
    if (c != 47 || n == 5) return SLOW;
    i++;
  }
  if (n != 5 && n != 3) return SLOW;
  r[R_N_TIMERS] = n;
  if (i >= end) return SLOW;
  i++;
  if (n == 5) {
    if (!number(b, &i, end, 1, &r[R_STATUS])) return SLOW;
    if (i >= end || b[i] != 32) return SLOW;
    i++;
  }
  c = i < end ? b[i] : -1;
  r[R_BYTES_PARTIAL] = c == 43;
  if (c == 43) i++;
  if (!number(b, &i, end, 0, &r[R_BYTES])) return SLOW;
  if (i >= end || b[i] != 32) return SLOW;
  i++;
  if (n == 5) {
    int cc = i;
    while (i < end && b[i] != 32) i++;
    if (i == cc || i >= end) return SLOW;
    r[R_CC_START] = cc;
    r[R_CC_END] = i;
    int cs = ++i;
    while (i < end && b[i] != 32) i++;
    if (i == cs || i >= end) return SLOW;
    r[R_CS_START] = cs;
    r[R_CS_END] = i;
    i++;
  } else {
    r[R_CC_START] = r[R_CC_END] = r[R_CS_START] = r[R_CS_END] = -1;
  }
  int ts = i;
  while (i < end && b[i] != 32) i++;
  if (i - ts < 2 || i - ts > 4 || i >= end) return SLOW;
  // a non-ASCII termination state is counted by the TypeScript path
  if (b[ts] >= 128 || b[ts + 1] >= 128) return SLOW;
  r[R_TS_START] = ts;
  r[R_TS_END] = i;
  // actconn/feconn/beconn/srv_conn/retries (exactly 5), then srv_queue/backend_queue (exactly 2)
  i++;
  for (int k = 0; k < 5; k++) {
    if (!number(b, &i, end, 3, &r[R_CONNS + k])) return SLOW;
    c = b[i];
    if (c != (k < 4 ? 47 : 32) || i >= end) return SLOW;
    i++;
  }
  if (i >= end) return SLOW;
  if (!number(b, &i, end, 3, &r[R_QUEUE])) return SLOW;
  if (i >= end || b[i] != 47) return SLOW;
  i++;
  if (!number(b, &i, end, 3, &r[R_QUEUE + 1])) return SLOW;
  if (i < end && b[i] != 32) return SLOW;
  r[R_AFTER_QUEUE] = i;
  return n == 5 ? HTTP : TCP;
}

/**
 * Reads the complete lines of chunk[pos, end) (each ending in a newline), at most `limit` (and MAX_RECORDS) of them, into records;
 * returns how many. stoppedAt() is then just after the newline of the last one. Lines are numbered from lineBase + 1
 * (for the peaks aggregate() records).
 */
EXPORT(void, setAggregating)(int on) { aggregating = on; }

EXPORT(int, scanLines)(int pos, int end, double lineBase, int limit) {
  const u8 *b = chunk;
  int n = 0;
  if (limit > MAX_RECORDS) limit = MAX_RECORDS;
  while (n < limit) {
    int nl = newline(b, pos, end);
    if (nl < 0) break;
    int *r = records + n * STRIDE;
    r[R_START] = pos;
    r[R_NL] = nl;
    int kind = SLOW;
    if (nl - pos <= MAX_LINE) {
      int lineEnd = nl > pos && b[nl - 1] == 13 ? nl - 1 : nl;
      r[R_END] = lineEnd;
      int p = messageStart(b, pos, lineEnd);
      if (p >= 0) kind = scanTraffic(b, p, lineEnd, r);
      r[R_KIND] = kind;
      if (aggregating) {
        if (kind != SLOW) {
          if (aggregate(b, r, lineBase + n + 1)) kind = COUNTED;
        } else {
          // in the order of LogSummarizer.addBytes: a CLF line after a client-address-like start, then an event or a
          // warning (digitMessageFromBytes)
          int clf = SLOW;
          if (p >= 0 && p < lineEnd && isClientStart(b[p])) {
            clf = r[R_KIND] = scanClf(b, p, lineEnd, r);
            if (clf != SLOW && aggregate(b, r, lineBase + n + 1)) kind = COUNTED;
          }
          if (clf == SLOW && p > pos) {
            int bsd = prefixTsKind == TS_BSD;
            int ev = countEvent(b, pos, p, lineEnd, prefixTsStart, prefixTsEnd, bsd, r);
            if (ev == 0) ev = countWarning(b, pos, p, lineEnd, prefixTsStart, prefixTsEnd, bsd, r);
            if (ev != 0) kind = ev;
          }
        }
      }
    }
    r[R_KIND] = kind;
    n++;
    pos = nl + 1;
  }
  stopped = pos;
  return n;
}
