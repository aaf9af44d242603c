// CLF traffic lines (`option httplog clf`) read into a traffic record, for aggregate() to count: the twin of
// LogSummarizer.clfBytes (summary.ts), and must change with it. Any line clfBytes would leave to the string path, or
// with a number of 10 digits or more (the int32 record cannot hold it), is not read here (the TypeScript path reads it).
// The server key `backend/server` is two tokens of the line: it is copied into `key`, and the record's server offsets
// point there (offsets from the chunk, as aggregate() reads them).
#include "line-scan.h"

#define MAX_TOKENS 31

static int ts[MAX_TOKENS], te[MAX_TOKENS];
static u8 key[MAX_LINE + 16];

/** clfInt of summary.ts on b[a, c) into *out: 0 when it is no number, or has 10 digits or more. */
static int clfInt(const u8 *b, int a, int c, int *out) {
  int len = c - a;
  if (len < 1 || len > 16) return 0;
  int i = a;
  int s0 = b[i];
  if (s0 == 45 || s0 == 43) i++;
  if (i == c || c - i > 9) return 0;
  int v = 0;
  for (; i < c; i++) {
    int d = b[i] - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  *out = s0 == 45 ? -v : v;
  return 1;
}

int scanClf(const u8 *b, int p, int end, int *r) {
  // parseClf's cheap check: ' - - [' first found at 1..60 characters into the message
  int sp = -1;
  int lim = end - 5 < p + 61 ? end - 5 : p + 61;
  for (int k = p; k < lim; k++) {
    if (b[k] == 32 && b[k + 1] == 45 && b[k + 2] == 32 && b[k + 3] == 45 && b[k + 4] == 32 && b[k + 5] == 91) {
      sp = k;
      break;
    }
  }
  if (sp <= p) return SLOW;
  // clfTokens: single or repeated spaces separate tokens; "..." and [...] tokens keep their spaces
  int n = 0, acc = 0, i = p;
  while (i < end && n < MAX_TOKENS) {
    int c = b[i];
    if (c == 32) {
      i++;
      continue;
    }
    if (c == 34 || c == 91) {
      int close = c == 34 ? 34 : 93;
      int j = i + 1;
      while (j < end && b[j] != close) acc |= b[j++];
      if (j >= end) return SLOW;
      ts[n] = i + 1;
      te[n++] = j;
      i = j + 1;
    } else {
      int j = i;
      while (j < end && b[j] != 32) acc |= b[j++];
      ts[n] = i;
      te[n++] = j;
      i = j;
    }
  }
  if (acc >= 128 || n < 27) return SLOW;
  if (te[1] - ts[1] != 1 || b[ts[1]] != 45 || te[2] - ts[2] != 1 || b[ts[2]] != 45) return SLOW;
  int bytes;
  if (!clfInt(b, ts[5], te[5], &r[R_STATUS]) || !clfInt(b, ts[6], te[6], &bytes)) return SLOW;
  for (int k = 0; k < 5; k++)
    if (!clfInt(b, ts[14 + k], te[14 + k], &r[R_TIMERS + k])) return SLOW;
  for (int k = 0; k < 5; k++)
    if (!clfInt(b, ts[20 + k], te[20 + k], &r[R_CONNS + k])) return SLOW;
  if (!clfInt(b, ts[25], te[25], &r[R_QUEUE]) || !clfInt(b, ts[26], te[26], &r[R_QUEUE + 1])) return SLOW;
  // client, date, frontend, backend, server: not empty; termination state: 2 to 4 characters; a month in the date
  if (te[0] == ts[0] || te[11] == ts[11] || te[12] == ts[12] || te[13] == ts[13]) return SLOW;
  int tsLen = te[19] - ts[19];
  if (tsLen < 2 || tsLen > 4) return SLOW;
  if (te[3] - ts[3] < 6 || monthAt(b, ts[3] + 3) < 0) return SLOW;
  int beLen = te[12] - ts[12], srvLen = te[13] - ts[13];
  __builtin_memcpy(key, b + ts[12], beLen);
  key[beLen] = 47;
  __builtin_memcpy(key + beLen + 1, b + ts[13], srvLen);
  r[R_SRV_START] = (int)(key - b);
  r[R_SRV_SLASH] = r[R_SRV_START] + beLen;
  r[R_SRV_END] = r[R_SRV_START] + beLen + 1 + srvLen;
  r[R_N_TIMERS] = 5;
  r[R_TS_START] = ts[19];
  r[R_TS_END] = te[19];
  r[R_DATE_START] = ts[3];
  r[R_DATE_END] = te[3];
  return HTTP;
}
