// Custom log formats: the log-format strings of a haproxy.cfg (each proxy's, resolved through defaults and `from`
// by the config reader) compiled into line matchers that the log parsers try after HAProxy's default formats.
import type { HaproxyConfig } from '../../../model/haproxy-config.js';
import { BUILTIN_LOG_FORMATS } from '../../haproxy-cfg/interpret.js';
import { compileMatcher, type LogFormatMatcher } from './matcher.js';
import { parseLogFormat, type FormatDiagnostic } from './parse-format.js';

export { compileMatcher, type LogFormatMatcher, type MatcherOptions } from './matcher.js';
export { parseLogFormat, type FormatDiagnostic, type FormatNode, type ParsedLogFormat } from './parse-format.js';

/** At most this many distinct custom formats are compiled per config (each line may try all of them). */
export const MAX_CUSTOM_FORMATS = 32;

const BUILTIN = new Set<string>(Object.values(BUILTIN_LOG_FORMATS));

export interface CompiledFormat {
  matcher?: LogFormatMatcher;
  diagnostics: FormatDiagnostic[];
}

/** Compiles one format string; a bad one gives diagnostics (with columns) and no matcher. Never throws. */
export function compileLogFormat(format: string, options: { unquoted?: boolean; frontend?: string } = {}): CompiledFormat {
  try {
    const parsed = parseLogFormat(format, { unquoted: options.unquoted ?? false });
    if (!parsed.ok) return { diagnostics: parsed.diagnostics };
    return { matcher: compileMatcher(format, parsed.nodes, options.frontend !== undefined ? { frontend: options.frontend } : {}), diagnostics: parsed.diagnostics };
  } catch (error) {
    return { diagnostics: [{ column: 1, severity: 'error', message: `cannot compile the format: ${(error as Error).message}` }] };
  }
}

/** One distinct custom format of a config and the proxies that log with it. */
export interface ConfigLogFormat {
  format: string;
  /** Config line of the first `log-format` that set it. */
  line: number;
  proxies: string[];
}

/** The distinct non-builtin log formats of the config's frontends and listen sections, in config order. */
export function customFormatsOf(config: HaproxyConfig): ConfigLogFormat[] {
  const byFormat = new Map<string, ConfigLogFormat>();
  for (const proxy of config.proxies) {
    // a backend's log-format is never used: backends do not log traffic of their own
    if (proxy.type !== 'frontend' && proxy.type !== 'listen') continue;
    const lf = proxy.logFormat;
    if (lf === undefined || lf.source !== 'log-format' || BUILTIN.has(lf.format)) continue;
    let entry = byFormat.get(lf.format);
    if (entry === undefined) {
      entry = { format: lf.format, line: lf.line, proxies: [] };
      byFormat.set(lf.format, entry);
    }
    entry.proxies.push(proxy.name);
  }
  return [...byFormat.values()];
}

export interface ConfigFormatDiagnostic extends FormatDiagnostic {
  /** Config line of the `log-format`. */
  line: number;
}

/**
 * Matchers for the custom formats of a config (see customFormatsOf). Formats that do not compile are left out with
 * a diagnostic naming their config line and the column in the format.
 */
export function compileConfigFormats(config: HaproxyConfig): { matchers: LogFormatMatcher[]; formats: ConfigLogFormat[]; diagnostics: ConfigFormatDiagnostic[] } {
  const matchers: LogFormatMatcher[] = [];
  const diagnostics: ConfigFormatDiagnostic[] = [];
  const formats = customFormatsOf(config);
  for (const [k, f] of formats.entries()) {
    if (k >= MAX_CUSTOM_FORMATS) {
      diagnostics.push({ line: f.line, column: 1, severity: 'warning', message: `more than ${MAX_CUSTOM_FORMATS} distinct log formats; this one is not read` });
      continue;
    }
    const compiled = compileLogFormat(f.format, { unquoted: true, ...(f.proxies.length === 1 && { frontend: f.proxies[0]! }) });
    for (const d of compiled.diagnostics) diagnostics.push({ ...d, line: f.line });
    if (compiled.matcher) matchers.push(compiled.matcher);
  }
  return { matchers, formats, diagnostics };
}

/** Matchers from format strings (the `logs` workers receive strings, not matchers). */
export function compileFormatList(formats: readonly { format: string; frontend?: string }[]): LogFormatMatcher[] {
  const out: LogFormatMatcher[] = [];
  for (const f of formats) {
    const c = compileLogFormat(f.format, { unquoted: true, ...(f.frontend !== undefined && { frontend: f.frontend }) });
    if (c.matcher) out.push(c.matcher);
  }
  return out;
}
