// `logs FILE...`: one pass over HAProxy logs (rotated, gzipped or stdin; large files on worker threads) into
// halog-style summaries plus timeline, events, percentiles and peaks.
import { readFile, stat } from 'node:fs/promises';
import { BundleInputError } from '../../bundle/bundle-input-error.js';
import type { LogsFilters } from '../../logs/observer.js';
import type { LogFormatSpec } from '../../logs/range.js';
import { runLogsAnalysis } from '../../logs/run.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import { formatOption } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

/** A progress bar is worth drawing from this much input on. */
const PROGRESS_MIN_BYTES = 64 << 20;

function list(value: string | boolean | string[] | undefined): string[] | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return items.length > 0 ? items : undefined;
}

/** `2026-11-28T08:00[:00[.000]]` or `2026-11-28 08:00`, read as written in the log (no time zone, like accept dates). */
export function parseTimeOption(name: string, value: string | boolean | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(value.trim());
  if (!m) throw new UsageError(`invalid --${name} "${value}"; expected a time like 2026-11-28T08:00:00`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  if (!Number.isFinite(t)) throw new UsageError(`invalid --${name} "${value}"`);
  return t;
}

export function filtersFromOptions(values: CommandValues): LogsFilters {
  const filters: LogsFilters = {};
  const since = parseTimeOption('since', values.since);
  const until = parseTimeOption('until', values.until);
  if (since !== undefined) filters.since = since;
  if (until !== undefined) filters.until = until;
  const set = <K extends 'frontends' | 'backends' | 'servers' | 'statuses' | 'terminations'>(key: K, v: string[] | undefined) => {
    if (v) filters[key] = v;
  };
  set('frontends', list(values.frontend));
  set('backends', list(values.backend));
  set('servers', list(values.server));
  const statuses = list(values.status);
  for (const s of statuses ?? []) if (!/^(-1|\d{1,3}|[1-5]xx)$/i.test(s)) throw new UsageError(`invalid --status "${s}"; expected a code like 503 or a class like 5xx`);
  set('statuses', statuses);
  set('terminations', list(values.termination));
  return filters;
}

/**
 * The custom log formats of `--config FILE` (each frontend's and listen's, resolved through defaults and `from`).
 * A format that does not compile is reported on stderr (config line, column in the format) and left out.
 */
export async function logFormatsFromConfig(file: string, io: CommandIo): Promise<LogFormatSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new BundleInputError(`cannot read "${file}"`);
  }
  // loaded on demand: the config parser and the log-format grammar are large and the default formats need neither
  const [{ parseHaproxyConfig }, { compileConfigFormats }] = await Promise.all([import('../../parsers/haproxy-cfg/index.js'), import('../../parsers/haproxy-log/log-format/index.js')]);
  const config = parseHaproxyConfig(text, { file }).value;
  if (!config) return [];
  const { formats, diagnostics } = compileConfigFormats(config);
  for (const d of diagnostics) io.stderr(`haproxy-doctor: ${file}:${d.line}: log-format column ${d.column}: ${d.severity}: ${d.message}\n`);
  const bad = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
  return formats.filter((f) => !bad.has(f.line)).map((f) => (f.proxies.length === 1 ? { format: f.format, frontend: f.proxies[0]! } : { format: f.format }));
}

export async function runLogs(files: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json']);
  const filters = filtersFromOptions(values);
  let threads: number | undefined;
  if (typeof values.threads === 'string') {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`invalid --threads "${values.threads}"; expected 1..64`);
  }
  for (const file of files) {
    if (file !== '-' && !(await stat(file).catch(() => undefined))?.isFile()) throw new BundleInputError(`cannot read "${file}"`);
  }
  const logFormats = typeof values.config === 'string' ? await logFormatsFromConfig(values.config, io) : undefined;
  let total = 0;
  for (const file of files) if (file !== '-') total += (await stat(file)).size;
  const showProgress = io.stderrIsTty && process.stdout.isTTY === true && total >= PROGRESS_MIN_BYTES;
  let lastDrawn = -1;
  const report = await runLogsAnalysis(files, {
    filters,
    stdin: io.stdin,
    ...(logFormats?.length && { logFormats }),
    ...(threads !== undefined && { threads }),
    ...(showProgress && {
      onProgress: (done: number, all: number) => {
        const pct = all > 0 ? Math.floor((done * 100) / all) : 0;
        if (pct === lastDrawn) return;
        lastDrawn = pct;
        const width = 30;
        const filled = Math.round((pct * width) / 100);
        io.stderr(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}% ${(done / 1e6).toFixed(0)}/${(all / 1e6).toFixed(0)} MB`);
      },
    }),
  });
  if (showProgress) io.stderr('\r\x1b[K');
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : (await import('../../report/log-summary-table.js')).formatLogSummaryTable(report, io.colors));
  let failed = false;
  for (const input of report.inputs) {
    if (input.error !== undefined) {
      failed = true;
      io.stderr(`haproxy-doctor: ${input.file}: reading stopped after ${input.lines} line(s), ${input.bytes} byte(s)${input.compressedBytes !== undefined ? ` (${input.compressedBytes} compressed)` : ''}: ${input.error}\n`);
    }
  }
  // a partly unreadable input is not a clean result (DESIGN: 2 = unreadable input); the counts read so far are printed
  return failed ? EXIT_USAGE : EXIT_OK;
}
