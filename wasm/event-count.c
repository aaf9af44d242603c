// Event lines (state changes, alerts...) and error-log-format warnings the module knows: the TypeScript side reads an
// event message once and hands it over (rememberEvent, with the id of its kind), and the kind of the warning shape
// (setWarningKind); a later line with that message, or of that shape, after the cached syslog prefix is then read
// here. Once the `logs` observer keeps no more events it is counted here by kind; before, it is handed back with its
// entry and header time for TypeScript to keep (KEPT_EVENT, KEPT_WARNING: LogSummarizer.addKeptEvent) without reading
// the line again. The twin of LogSummarizer.eventFromBytes (the event memo), digitMessageFromBytes and
// LogsObserver.event, and must change with them. The header's time of a BSD timestamp is read here (as
// bsdTimestampToTime reads it, once checked against TypeScript's); of any other, it comes from TypeScript (eventTime:
// LogSummarizer.prefixHeader), asked once per distinct timestamp.
#include "line-scan.h"

#define MAX_ENTRIES 1024
#define ENTRY_SLOTS 2048
#define ARENA (256 * 1024)
// MAX_EVENT_MESSAGE_BYTES of summary.ts: longer messages are never remembered
#define MAX_MESSAGE 1024
#define MAX_KINDS 64
#define MAX_TIMESTAMP 64

static int nEntries;
static int entrySlots[ENTRY_SLOTS];
static int entryHash[MAX_ENTRIES], entryKey[MAX_ENTRIES], entryLen[MAX_ENTRIES], entryKind[MAX_ENTRIES];
static u8 arena[ARENA + 8];
static int arenaUsed;
// what scanLines does with the event lines it knows (setEventCounting)
#define EVENTS_OFF 0
#define EVENTS_COUNT 1
#define EVENTS_KEEP 2
static int counting;
/** The kind id of the warning shape of digitMessageFromBytes (-1: not given yet). */
static int warningKind = -1;

// lines counted per kind id, and in all (taken over and emptied with the traffic aggregates)
static double kindCounts[MAX_KINDS];
static double eventLines;

// the time of the last timestamp asked for (the prefix's timestamp bytes), and whether its header could be read
static u8 lastTs[MAX_TIMESTAMP + 8];
static int lastTsLen = -1;
static double lastTime;

// BSD timestamps (`Mmm dd hh:mm:ss[.frac]`) are read here, as bsdTimestampToTime reads them: the year of the
// summarizer, the day `Mmm dd` of the last one and its time (Date.UTC), and whether the first one read here agreed
// with eventTime (1), did not (-1: eventTime is asked for every timestamp then) or is still to come (0)
static int bsdYear;
static u8 bsdDayBytes[8];
static int bsdDayKnown;
static double bsdDayMs;
static int bsdAgrees;

/**
 * The time of the header of the line's prefix b[start, p) (LogSummarizer.prefixHeader, then its header's time): NaN
 * when the header has none, -Infinity when it cannot be read from the prefix (the line is then left to TypeScript).
 */
__attribute__((import_module("env"), import_name("eventTime"))) double eventTime(int start, int p);
/** Date.UTC(year, month, day). */
__attribute__((import_module("env"), import_name("utcDay"))) double utcDay(int year, int month, int day);

EXPORT(int, eventKindCountsAddress)(void) { return (int)kindCounts; }
EXPORT(int, eventLinesAddress)(void) { return (int)&eventLines; }
EXPORT(int, maxEventKinds)(void) { return MAX_KINDS; }

/**
 * What scanLines does with the event lines it knows (only while it counts traffic lines too): nothing, count them
 * (the report keeps no more events), or hand them back as kept ones (KEPT_EVENT, KEPT_WARNING records).
 */
EXPORT(void, setEventCounting)(int mode) { counting = mode; }

/** The year BSD timestamps are read in (the summarizer's). */
EXPORT(void, setEventYear)(int year) {
  if (year != bsdYear) bsdDayKnown = 0;
  bsdYear = year;
}

void resetEventCounts(void) {
  for (int k = 0; k < MAX_KINDS; k++) kindCounts[k] = 0;
  eventLines = 0;
}

/** Forgets every message (its prefix changed, or another summarizer counts now); the counts stay. */
EXPORT(void, forgetEvents)(void) {
  for (int k = 0; k < ENTRY_SLOTS; k++) entrySlots[k] = -1;
  nEntries = 0;
  arenaUsed = 0;
  lastTsLen = -1;
  bsdAgrees = 0;
  warningKind = -1;
}

/**
 * bsdTimestampToTime of syslog-header.ts on the timestamp b[a, c) (its shape checked by the prefix match), NaN for
 * its undefined. Date.UTC(year, month, day, hh, mm, ss, ms) is Date.UTC(year, month, day) plus the time of day, exactly
 * (integers far below 2^53), then TimeClip.
 */
static double bsdTime(const u8 *b, int a, int c) {
  if (!bsdDayKnown || !sameBytes(bsdDayBytes, b + a, 6)) {
    __builtin_memcpy(bsdDayBytes, b + a, 6);
    bsdDayKnown = 1;
    int month = monthAt(b, a);
    int d1 = b[a + 4];
    int day = (d1 == 32 ? 0 : d1 - 48) * 10 + b[a + 5] - 48;
    bsdDayMs = month < 0 ? __builtin_nan("") : utcDay(bsdYear, month, day);
  }
  int hh = (b[a + 7] - 48) * 10 + b[a + 8] - 48;
  int mm = (b[a + 10] - 48) * 10 + b[a + 11] - 48;
  int ss = (b[a + 13] - 48) * 10 + b[a + 14] - 48;
  double ms = 0;
  if (a + 15 < c && b[a + 15] == 46) {
    // fraction() of syslog-header.ts, the same operations on doubles
    double scale = 100;
    for (int i = a + 16; i < c && b[i] >= 48 && b[i] <= 57; i++) {
      ms += (b[i] - 48) * scale;
      scale /= 10;
    }
    ms = __builtin_floor(ms);
  }
  double t = bsdDayMs + ((double)hh * 3600000 + (double)mm * 60000 + (double)ss * 1000 + ms);
  return t >= -8.64e15 && t <= 8.64e15 ? t : __builtin_nan("");
}

static int findEntry(const u8 *b, int a, int c, unsigned h, int *slot) {
  struct KeyTable t = {entrySlots, ENTRY_SLOTS - 1, entryHash, entryKey, entryLen, arena};
  return findKey(t, b, a, c, h, slot);
}

/**
 * Remembers the message chunk[p, end) as an event of kind `kind` (TypeScript's id): its entry (the same for a message
 * remembered before), or -1 when it is not remembered (too long, no room, a kind id out of range).
 */
EXPORT(int, rememberEvent)(int p, int end, int kind) {
  int len = end - p;
  if (len <= 0 || len > MAX_MESSAGE || kind < 0 || kind >= MAX_KINDS) return -1;
  unsigned h = hashBytes(chunk, p, end);
  int slot = -1;
  int known = findEntry(chunk, p, end, h, &slot);
  if (known >= 0) return known;
  if (nEntries >= MAX_ENTRIES || arenaUsed + len > ARENA) return -1;
  int k = nEntries++;
  entrySlots[slot] = k;
  entryHash[k] = (int)h;
  entryKey[k] = arenaUsed;
  entryLen[k] = len;
  entryKind[k] = kind;
  __builtin_memcpy(arena + arenaUsed, chunk + p, len);
  arenaUsed += len;
  return k;
}

/**
 * The header time of the prefix b[start, p) of a line (its timestamp at [tsStart, tsEnd), the rest of it the cached
 * prefix's): NaN when the header has none, -Infinity when it cannot be read (the line is then handed back).
 */
static double headerTime(const u8 *b, int start, int p, int tsStart, int tsEnd, int tsBsd) {
  int tsLen = tsEnd - tsStart;
  if (tsLen > MAX_TIMESTAMP) return -__builtin_inf();
  if (tsBsd && bsdAgrees > 0) return bsdTime(b, start + tsStart, start + tsEnd);
  if (tsLen != lastTsLen || !sameBytes(lastTs, b + start + tsStart, tsLen)) {
    double t = eventTime(start, p);
    __builtin_memcpy(lastTs, b + start + tsStart, tsLen);
    lastTsLen = tsLen;
    lastTime = t;
    if (tsBsd && bsdAgrees == 0 && t != -__builtin_inf()) {
      double mine = bsdTime(b, start + tsStart, start + tsEnd);
      bsdAgrees = mine == t || (mine != mine && t != t) ? 1 : -1;
    }
  }
  return lastTime;
}

/**
 * Counts an event line of kind id `kind` (COUNTED), or hands it back to be kept (`kept`, its record filled with
 * `entry` and the header's time), unless its header cannot be read (0).
 */
static int countKind(int kind, int entry, int kept, const u8 *b, int start, int p, int tsStart, int tsEnd, int tsBsd, int *r) {
  // a kept event shows its header's timestamp: only where the prefix has one in place
  if (counting == EVENTS_KEEP && tsEnd <= tsStart) return 0;
  double t = headerTime(b, start, p, tsStart, tsEnd, tsBsd);
  if (t == -__builtin_inf()) return 0;
  if (counting == EVENTS_KEEP) {
    r[R_EVENT_ENTRY] = entry;
    __builtin_memcpy(&r[R_EVENT_TIME], &t, 8);
    return kept;
  }
  kindCounts[kind]++;
  eventLines++;
  noteTime(t);
  return COUNTED;
}

/** First index of the two bytes c0 c1 in b[i, end), or -1 (String.indexOf). */
static int indexOf2(const u8 *b, int i, int end, int c0, int c1) {
  for (; i + 1 < end; i++)
    if (b[i] == c0 && b[i + 1] == c1) return i;
  return -1;
}

static int indexOf1(const u8 *b, int i, int end, int c) {
  for (; i < end; i++)
    if (b[i] == c) return i;
  return -1;
}

/**
 * Counts the line b[start, end) whose message b[p, end) follows the cached prefix when it is a remembered event
 * (1), else 0. `tsStart`/`tsEnd`: where the prefix's timestamp lies (the rest of the prefix is the cached one's).
 */
int countEvent(const u8 *b, int start, int p, int end, int tsStart, int tsEnd, int tsBsd, int *r) {
  if (!counting || nEntries == 0 || end - p > MAX_MESSAGE || p >= end) return 0;
  // eventFromBytes looks only at messages that start with none of: a space, `[`, a digit or colon, a non-ASCII byte
  int c = b[p];
  if (c == 32 || c == 91 || c >= 128 || (c >= 48 && c <= 58)) return 0;
  int slot;
  int k = findEntry(b, p, end, hashBytes(b, p, end), &slot);
  if (k < 0) return 0;
  return countKind(entryKind[k], k, KEPT_EVENT, b, start, p, tsStart, tsEnd, tsBsd, r);
}

EXPORT(void, setWarningKind)(int kind) { warningKind = kind >= 0 && kind < MAX_KINDS ? kind : -1; }

/**
 * Counts the line b[start, end) after the cached prefix when digitMessageFromBytes reads its message b[p, end) as a
 * warning (parseOtherTrafficShapes: `client:port [date] frontend/bind: message`, an error-log-format line), else 0.
 * Only for a message that is neither a traffic line nor a CLF line (the caller tried both).
 */
int countWarning(const u8 *b, int start, int p, int end, int tsStart, int tsEnd, int tsBsd, int *r) {
  if (!counting || warningKind < 0 || p >= end || end - p > MAX_MESSAGE || b[p] < 48 || b[p] > 57) return 0;
  int acc = 0;
  for (int k = p; k < end; k++) acc |= b[k];
  if (acc >= 128) return 0;
  // ' - - [' found 1 to 60 characters in: left to the string path (parseClf may read it)
  int lim = end - 5 < p + 61 ? end - 5 : p + 61;
  for (int k = p; k < lim; k++) {
    if (b[k] == 32 && b[k + 1] == 45 && b[k + 2] == 32 && b[k + 3] == 45 && b[k + 4] == 32 && b[k + 5] == 91) {
      if (k > p) return 0;
      break;
    }
  }
  // parseOtherTrafficShapes, offsets from p as its indexOf gives them (the message is ASCII)
  int sp = indexOf2(b, p, end, 32, 91);
  if (sp <= p || sp - p >= 60) return 0;
  int colon0 = indexOf1(b, p, end, 58);
  if (colon0 >= 0 && colon0 >= sp) return 0;
  int close = indexOf2(b, sp, end, 93, 32);
  if (close <= sp || close - sp >= 40) return 0;
  int rest = close + 2;
  int colon = indexOf2(b, rest, end, 58, 32);
  int slash = indexOf1(b, rest, end, 47);
  int space = indexOf1(b, rest, end, 32);
  if (colon <= rest || slash <= rest || slash >= colon || space <= colon) return 0;
  return countKind(warningKind, -1, KEPT_WARNING, b, start, p, tsStart, tsEnd, tsBsd, r);
}
