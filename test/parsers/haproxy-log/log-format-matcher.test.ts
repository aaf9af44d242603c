// The compiled matcher checked against the default parsers: HAProxy's builtin formats (option httplog, httpslog,
// tcplog, httplog clf), compiled as custom formats, must read the real fixtures exactly as the default parser does.
import { describe, expect, it } from 'vitest';
import type { TrafficRecord } from '../../../src/model/haproxy-log.js';
import { BUILTIN_LOG_FORMATS } from '../../../src/parsers/haproxy-cfg/index.js';
import { parseLogLine } from '../../../src/parsers/haproxy-log/line-parser.js';
import { compileLogFormat } from '../../../src/parsers/haproxy-log/log-format/index.js';
import { fixtureLines } from './helpers.js';

const Y = { year: 2026 };

function matcherOf(format: string) {
  const c = compileLogFormat(format, { unquoted: true });
  expect(c.diagnostics).toEqual([]);
  return c.matcher!;
}

describe('builtin formats compiled as custom formats read the real fixtures like the default parser', () => {
  const cases: [keyof typeof BUILTIN_LOG_FORMATS, string[]][] = [
    ['httplog', ['httplog.log', 'httplog-captures.log', 'badreq.log', 'nosrv.log', 'connect-refused.log', 'queue-timeout.log', 'logasap.log']],
    ['httpslog', ['httpslog.log']],
    ['tcplog', ['tcplog.log']],
    ['clf', ['clf.log']],
  ];
  for (const [name, files] of cases) {
    it(name, () => {
      const m = matcherOf(BUILTIN_LOG_FORMATS[name]);
      let n = 0;
      for (const file of files) {
        for (const line of fixtureLines(file)) {
          const expected = parseLogLine(line, Y);
          if (expected?.type !== 'http' && expected?.type !== 'tcp') continue;
          const got = m.match(line, 0, line.length, {});
          expect(got, `${file}: ${line}`).toBeDefined();
          const want: TrafficRecord = { ...expected };
          if (name === 'clf') {
            // CLF's date is %trg (GMT, with zone): the default parser keeps the same text
          }
          expect(got, `${file}: ${line}`).toEqual(want);
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
    });
  }
});
