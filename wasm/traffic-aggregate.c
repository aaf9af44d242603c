// What `logs` counts of a traffic line, for the lines line-scan.c reads, kept here until the TypeScript side takes
// them over (ByteLineSplitter.takeCounted: LogSummarizer.addCounted and LogsObserver.addCounted add them in). It is
// the twin of LogSummarizer.countTraffic/countScan and LogsObserver.traffic without filters, and must change with
// them. Every sum here is exact and adds up in any order, and the tables never fill before a flush: a line that
// would need more room than a table has left is handed back as SLOW (the TypeScript path counts it).
#include "line-scan.h"

// the histograms of src/logs/histogram.ts
#define EXACT 1024
#define SUB_BITS 6
#define SUB (1 << SUB_BITS)
#define BUCKETS (EXACT + (53 - 10) * SUB)
#define HISTOGRAMS 8 /* HTTP TR/Tw/Tc/Tr/Ta, then TCP Tw/Tc/Tt */

#define MAX_SERVERS 4096
#define SERVER_SLOTS 8192
#define KEY_ARENA (256 * 1024)
#define MAX_MINUTES 8192
#define MINUTE_SLOTS 16384
#define MAX_CODES 16

// per server: the ServerEntry counts, then its detail's peaks (srv_conn, srv_queue: value, line, time, set)
enum { S_REQUESTS, S_C1, S_C2, S_C3, S_C4, S_C5, S_OTHER, S_OK, S_ERRORS, S_CT_SUM, S_CT_COUNT, S_RT_SUM, S_RT_COUNT, S_PEAKS, S_FIELDS = S_PEAKS + 8 };

struct Codes {
  int n;
  int code[MAX_CODES];
  double count[MAX_CODES];
};

static double fastLines;
static double statusCounts[1001];
static double tsCounts[128 * 128];
static double histCounts[HISTOGRAMS][BUCKETS];
static double histCount[HISTOGRAMS], histMax[HISTOGRAMS];
// 6 peaks (actconn, feconn, beconn, srv_conn, srv_queue, backend_queue): value, line, time, set
static double peaks[6 * 4];
// first and last accept date counted
static double times[2];
#define firstTime times[0]
#define lastTime times[1]

static int nServers;
static int serverSlots[SERVER_SLOTS];
static int serverHash[MAX_SERVERS], serverKey[MAX_SERVERS], serverKeyLen[MAX_SERVERS];
// 8 bytes of room: sameBytes reads a key 8 bytes at a time
static u8 keyArena[KEY_ARENA + 8];
static int keyArenaUsed;
static double servers[MAX_SERVERS * S_FIELDS];
static struct Codes serverCodes[MAX_SERVERS];

static int nMinutes;
static int minuteSlots[MINUTE_SLOTS];
static double minuteKey[MAX_MINUTES];
static double minuteCounts[MAX_MINUTES * 7];
static struct Codes minuteCodes[MAX_MINUTES];
static int lastMinuteIndex = -1;

// the day of the last accept date (as LogSummarizer.timeFromBytes caches it)
static u8 dayBytes[16]; // 11 used; sameBytes reads 16
static int dayKnown;
static double dayValue;

/** ms at 00:00 of the day `dd/Mmm/yyyy` at chunk offset `at`, NaN when it is not a date (LogSummarizer.setDay). */
__attribute__((import_module("env"), import_name("dayMs"))) double dayMs(int at);

EXPORT(int, aggregatesAddress)(void) { return (int)&fastLines; }
EXPORT(int, statusCountsAddress)(void) { return (int)statusCounts; }
EXPORT(int, tsCountsAddress)(void) { return (int)tsCounts; }
EXPORT(int, histogramsAddress)(void) { return (int)histCounts; }
EXPORT(int, histogramBuckets)(void) { return BUCKETS; }
EXPORT(int, histogramTotalsAddress)(void) { return (int)histCount; }
EXPORT(int, histogramMaxAddress)(void) { return (int)histMax; }
EXPORT(int, peaksAddress)(void) { return (int)peaks; }
EXPORT(int, timesAddress)(void) { return (int)times; }
EXPORT(int, serverCount)(void) { return nServers; }
EXPORT(int, serverKeyAddress)(int k) { return (int)keyArena + serverKey[k]; }
EXPORT(int, serverKeyLength)(int k) { return serverKeyLen[k]; }
EXPORT(int, serversAddress)(void) { return (int)servers; }
EXPORT(int, serverFields)(void) { return S_FIELDS; }
EXPORT(int, serverCodesAddress)(int k) { return (int)&serverCodes[k]; }
EXPORT(int, minuteCount)(void) { return nMinutes; }
EXPORT(int, minuteKeysAddress)(void) { return (int)minuteKey; }
EXPORT(int, minuteCountsAddress)(void) { return (int)minuteCounts; }
EXPORT(int, minuteCodesAddress)(int k) { return (int)&minuteCodes[k]; }
EXPORT(int, maxCodes)(void) { return MAX_CODES; }

static inline double nan(void) { return __builtin_nan(""); }

/** Empties every table (after a flush). */
EXPORT(void, resetAggregates)(void) {
  fastLines = 0;
  __builtin_memset(statusCounts, 0, sizeof statusCounts);
  __builtin_memset(tsCounts, 0, sizeof tsCounts);
  __builtin_memset(histCounts, 0, sizeof histCounts);
  for (int k = 0; k < HISTOGRAMS; k++) {
    histCount[k] = 0;
    histMax[k] = -1;
  }
  for (int k = 0; k < 6; k++) {
    peaks[k * 4] = -__builtin_inf();
    peaks[k * 4 + 1] = peaks[k * 4 + 2] = peaks[k * 4 + 3] = 0;
  }
  firstTime = lastTime = nan();
  for (int k = 0; k < SERVER_SLOTS; k++) serverSlots[k] = -1;
  nServers = 0;
  keyArenaUsed = 0;
  for (int k = 0; k < MINUTE_SLOTS; k++) minuteSlots[k] = -1;
  nMinutes = 0;
  lastMinuteIndex = -1;
  resetEventCounts();
}

void noteTime(double time) {
  if (time != time) return;
  if (!(time >= firstTime)) firstTime = time;
  if (!(time <= lastTime)) lastTime = time;
}

/** The server of b[a, c): its index, or -1 when absent (*slot: where it would go). */
static int findServer(const u8 *b, int a, int c, unsigned h, int *slot) {
  struct KeyTable t = {serverSlots, SERVER_SLOTS - 1, serverHash, serverKey, serverKeyLen, keyArena};
  return findKey(t, b, a, c, h, slot);
}

static int findMinute(double minute, int *slot) {
  unsigned h = (unsigned)(long long)minute * 2654435761u;
  int i = (h >> 16) & (MINUTE_SLOTS - 1);
  for (;;) {
    int k = minuteSlots[i];
    if (k < 0) break;
    if (minuteKey[k] == minute) return k;
    i = (i + 1) & (MINUTE_SLOTS - 1);
  }
  *slot = i;
  return -1;
}

/** Whether `code` can be counted in `c` (there, or room for it). */
static inline int codeFits(const struct Codes *c, int code) {
  if (c->n < MAX_CODES) return 1;
  for (int k = 0; k < c->n; k++)
    if (c->code[k] == code) return 1;
  return 0;
}

static inline void addCode(struct Codes *c, int code) {
  for (int k = 0; k < c->n; k++) {
    if (c->code[k] == code) {
      c->count[k]++;
      return;
    }
  }
  c->code[c->n] = code;
  c->count[c->n] = 1;
  c->n++;
}

static inline int bucketOf(int v) {
  if (v < EXACT) return v;
  int ei = 31 - __builtin_clz(v);
  int sub = ((unsigned)v >> (ei - SUB_BITS)) - SUB;
  return EXACT + (ei - 10) * SUB + (sub < SUB - 1 ? sub : SUB - 1);
}

static inline void addTimer(int h, int v) {
  if (v < 0) return;
  histCounts[h][bucketOf(v)]++;
  histCount[h]++;
  if (v > histMax[h]) histMax[h] = v;
}

static inline void offer(double *slot, double value, double line, double time) {
  if (value > slot[0]) {
    slot[0] = value;
    slot[1] = line;
    slot[2] = time;
    slot[3] = 1;
  }
}

/** Accept date of b[a, c) in ms (LogSummarizer.timeFromBytes). */
static double timeOf(const u8 *b, int a, int c) {
  if (c - a < 20) return nan();
  if (!dayKnown || !sameBytes(dayBytes, b + a, 11)) {
    __builtin_memcpy(dayBytes, b + a, 11);
    dayKnown = 1;
    dayValue = dayMs(a);
  }
  double ms = (double)((((long long)b[a + 12] * 10 + b[a + 13] - 528) * 60 + b[a + 15] * 10 + b[a + 16] - 528) * 60 + b[a + 18] * 10 + b[a + 19] - 528) * 1000;
  if (b[a + 20] == 46) ms += b[a + 21] * 100 + b[a + 22] * 10 + b[a + 23] - 5328;
  return dayValue + ms;
}

/**
 * Counts the traffic line of record r (line number `line` of the range) into the tables; 0 (nothing counted) when
 * it must go through the TypeScript path: a status outside -1..999, or a table without room for it.
 */
int aggregate(const u8 *b, const int *r, double line) {
  int kind = r[R_KIND];
  int st = r[R_STATUS];
  if (kind == HTTP && (st < -1 || st > 999)) return 0;
  int a = r[R_SRV_START], c = r[R_SRV_END];
  unsigned h = hashBytes(b, a, c);
  int slot = -1;
  int sk = findServer(b, a, c, h, &slot);
  if (sk < 0 && (nServers >= MAX_SERVERS || keyArenaUsed + (c - a) > KEY_ARENA)) return 0;
  int ts0 = b[r[R_TS_START]], ts1 = b[r[R_TS_START] + 1];
  int abnormal = ts0 != 45 || ts1 != 45;
  int code = (ts0 << 8) | ts1;
  if (sk >= 0 && abnormal && !codeFits(&serverCodes[sk], code)) return 0;
  double time = timeOf(b, r[R_DATE_START], r[R_DATE_END]);
  int mk = -1, mslot = -1;
  double minute = 0;
  if (time == time) {
    minute = __builtin_floor(time / 60000);
    mk = lastMinuteIndex >= 0 && minuteKey[lastMinuteIndex] == minute ? lastMinuteIndex : findMinute(minute, &mslot);
    if (mk < 0 && nMinutes >= MAX_MINUTES) return 0;
    if (mk >= 0 && abnormal && !codeFits(&minuteCodes[mk], code)) return 0;
  }
  // the line is counted: new server and minute first
  if (sk < 0) {
    sk = nServers++;
    serverSlots[slot] = sk;
    serverHash[sk] = (int)h;
    serverKey[sk] = keyArenaUsed;
    serverKeyLen[sk] = c - a;
    __builtin_memcpy(keyArena + keyArenaUsed, b + a, c - a);
    keyArenaUsed += c - a;
    double *e = servers + sk * S_FIELDS;
    for (int k = 0; k < S_FIELDS; k++) e[k] = 0;
    e[S_PEAKS] = e[S_PEAKS + 4] = -__builtin_inf();
    serverCodes[sk].n = 0;
  }
  if (time == time && mk < 0) {
    mk = nMinutes++;
    minuteSlots[mslot] = mk;
    minuteKey[mk] = minute;
    for (int k = 0; k < 7; k++) minuteCounts[mk * 7 + k] = 0;
    minuteCodes[mk].n = 0;
  }
  fastLines++;
  tsCounts[(ts0 << 7) | ts1]++;
  double *e = servers + sk * S_FIELDS;
  e[S_REQUESTS]++;
  const int *t = r + R_TIMERS;
  if (kind == HTTP) {
    statusCounts[st + 1]++;
    int first = st < 0 ? 0 : st < 10 ? st : st < 100 ? st / 10 : st / 100;
    if (first >= 1 && first <= 5) e[S_C1 + first - 1]++;
    else e[S_OTHER]++;
    if (t[0] >= 0 && t[1] >= 0 && t[2] >= 0 && t[3] >= 0 && t[4] >= 0) e[S_OK]++;
    if (t[2] >= 0) {
      e[S_CT_SUM] += t[2];
      e[S_CT_COUNT]++;
    }
    if (t[3] >= 0) {
      e[S_RT_SUM] += t[3];
      e[S_RT_COUNT]++;
    }
    for (int k = 0; k < 5; k++) addTimer(k, t[k]);
  } else {
    e[S_OTHER]++;
    if (t[1] >= 0) {
      e[S_CT_SUM] += t[1];
      e[S_CT_COUNT]++;
    }
    for (int k = 0; k < 3; k++) addTimer(5 + k, t[k]);
  }
  if (ts0 == 83 || ts0 == 115) e[S_ERRORS]++;
  if (time == time) {
    noteTime(time);
    lastMinuteIndex = mk;
    int cls = kind != HTTP || st < 100 || st >= 600 ? 5 : st < 200 ? 0 : st < 300 ? 1 : st < 400 ? 2 : st < 500 ? 3 : 4;
    minuteCounts[mk * 7 + cls]++;
    minuteCounts[mk * 7 + 6]++;
    if (abnormal) addCode(&minuteCodes[mk], code);
  }
  const int *conns = r + R_CONNS;
  const int *queue = r + R_QUEUE;
  offer(peaks, conns[0], line, time);
  offer(peaks + 4, conns[1], line, time);
  offer(peaks + 8, conns[2], line, time);
  offer(peaks + 12, conns[3], line, time);
  offer(peaks + 16, queue[0], line, time);
  offer(peaks + 20, queue[1], line, time);
  if (abnormal) addCode(&serverCodes[sk], code);
  offer(e + S_PEAKS, conns[3], line, time);
  offer(e + S_PEAKS + 4, queue[0], line, time);
  return 1;
}
