// A parsed log-format -> a line matcher: a hand-written scanner driven by the format's element list (literal text,
// separators, variables of known shapes). One left-to-right pass over the message, no regex, no backtracking:
// each element either consumes input from where the previous one stopped or fails the line. Total: never throws.
//
// How HAProxy 2.6 writes a format (build_logline() in src/log.c), which the scanner mirrors:
//   - every space of the format is a separator; consecutive separators are written as one space, and a separator
//     right after another one (or at the start of the line) writes nothing: `%hr %hs %{+Q}r` with no capture
//     gives `0/0 "GET / HTTP/1.1"`;
//   - header captures (%hr %hs %hrl %hsl) write nothing at all when the proxy captures no header;
//   - other variables write `-` when they have no value (`""` under +Q for strings);
//   - +Q quotes strings (never numbers or dates), +E escapes `"`, `\` and `]` with `\`, +X writes numbers in hex;
//   - %o writes nothing: its flags become the default of the variables after it.
import type { SyslogHeader, TrafficRecord } from '../../../model/haproxy-log.js';
import type { FormatNode } from './parse-format.js';
import { FORMAT_VARIABLES, type FieldRole, type ValueShape } from './variables.js';

const SP = 32;
const QUOTE = 34;
const BACKSLASH = 92;
const MAX_INT_DIGITS = 15;

const enum Kind {
  Text,
  Separator,
  Field,
}

interface Element {
  kind: Kind;
  /** Text elements. */
  text: string;
  /** Field elements. */
  shape: ValueShape;
  role: FieldRole;
  quoted: boolean;
  escaped: boolean;
  hex: boolean;
  /** Index of this field's value in the offsets arrays. */
  slot: number;
}

/** What follows a field, which bounds its value. */
const enum Next {
  End,
  Separator,
  Text,
  Field,
}

interface Flags {
  quote: boolean;
  escape: boolean;
  hex: boolean;
}

function applyFlags(base: Flags, raw: string): Flags {
  const f = { ...base };
  if (raw === '') return f;
  for (const item of raw.split(',')) {
    const on = item.charCodeAt(0) === 43;
    const name = item.slice(1);
    if (name === 'Q') f.quote = on;
    else if (name === 'E') f.escape = on;
    else if (name === 'X') f.hex = on;
  }
  return f;
}

export interface LogFormatMatcher {
  readonly format: string;
  /** True when the format has HTTP-only variables (its lines become `http` records). */
  readonly http: boolean;
  /** Matches the message s[start, end) (after any syslog header); undefined when it is not in this format. */
  match(s: string, start: number, end: number, header: SyslogHeader): TrafficRecord | undefined;
}

export interface MatcherOptions {
  /** Frontend name for formats without %f/%ft (the proxy using the format, when only one does). */
  frontend?: string;
}

const COUNTERS = ['actconn', 'feconn', 'beconn', 'srvConn', 'retries', 'srvQueue', 'backendQueue'] as const;
const ROLES: readonly FieldRole[] = [
  'clientAddress', 'clientPort', 'acceptDate', 'acceptDateGmt', 'timestamp', 'frontend', 'frontendXprt', 'backend', 'server', 'TR', 'Tq', 'Tw',
  'Tc', 'Tr', 'Ta', 'Tt', 'status', 'bytes', 'terminationState', 'actconn', 'feconn', 'beconn', 'srvConn', 'retries', 'srvQueue',
  'backendQueue', 'request', 'method', 'uri', 'version', 'captures', 'none',
];
const ROLE_INDEX = Object.fromEntries(ROLES.map((r, k) => [r, k])) as Record<FieldRole, number>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `28/Nov/2026:09:49:22` (UTC) from a Unix time in seconds (%Ts), with `.mmm` when ms are known. */
function dateFromUnix(seconds: number, ms: number): string | undefined {
  const d = new Date(seconds * 1000);
  if (!Number.isFinite(d.getTime())) return undefined;
  const base = `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return ms >= 0 && ms < 1000 ? `${base}.${String(ms).padStart(3, '0')}` : base;
}

class CompiledMatcher implements LogFormatMatcher {
  readonly http: boolean;
  private readonly elements: Element[];
  private readonly next: Next[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly slotOf = new Map<FieldRole | 'ms', number>();
  private readonly msSlot: number;
  private readonly frontendDefault: string;
  /** Field elements by slot. */
  private readonly bySlot: Element[] = [];
  /** Slot of the first field of each role (ROLE_INDEX), -1 when the format has none. */
  private readonly roleSlot: Int32Array = new Int32Array(ROLES.length).fill(-1);
  private readonly captureSlots: number[] = [];

  constructor(
    readonly format: string,
    nodes: FormatNode[],
    options: MatcherOptions,
  ) {
    const elements: Element[] = [];
    let defaults: Flags = { quote: false, escape: false, hex: false };
    let http = false;
    let slots = 0;
    let msSlot = -1;
    const push = (e: Omit<Element, 'text' | 'shape' | 'role' | 'quoted' | 'escaped' | 'hex' | 'slot'> & Partial<Element>) =>
      elements.push({ text: '', shape: 'text', role: 'none', quoted: false, escaped: false, hex: false, slot: -1, ...e });
    for (const node of nodes) {
      if (node.kind === 'text') {
        const last = elements[elements.length - 1];
        if (last?.kind === Kind.Text) last.text += node.text;
        else push({ kind: Kind.Text, text: node.text });
      } else if (node.kind === 'separator') {
        if (elements[elements.length - 1]?.kind !== Kind.Separator) push({ kind: Kind.Separator });
      } else if (node.kind === 'variable') {
        const spec = FORMAT_VARIABLES.get(node.name);
        if (spec === undefined) continue;
        const flags = applyFlags(defaults, node.flags);
        if (node.name === 'o') {
          defaults = flags;
          continue;
        }
        if (spec.http) http = true;
        const slot = slots++;
        if (node.name === 'ms') msSlot = slot;
        if (spec.role !== 'none' && !this.slotOf.has(spec.role)) this.slotOf.set(spec.role, slot);
        push({ kind: Kind.Field, shape: spec.shape, role: spec.role, quoted: flags.quote && spec.quotable === true, escaped: flags.escape, hex: flags.hex, slot });
      } else {
        const flags = applyFlags(defaults, node.flags);
        push({ kind: Kind.Field, shape: 'text', role: 'none', quoted: flags.quote, escaped: flags.escape, hex: flags.hex, slot: slots++ });
      }
    }
    this.elements = elements;
    this.next = elements.map((_, k) => {
      const n = elements[k + 1];
      return n === undefined ? Next.End : n.kind === Kind.Separator ? Next.Separator : n.kind === Kind.Text ? Next.Text : Next.Field;
    });
    for (const e of elements) if (e.kind === Kind.Field) this.bySlot[e.slot] = e;
    for (const [role, slot] of this.slotOf) if (role !== 'ms') this.roleSlot[ROLE_INDEX[role]] = slot;
    for (const e of elements) if (e.kind === Kind.Field && e.shape === 'captures') this.captureSlots.push(e.slot);
    this.starts = new Int32Array(slots);
    this.ends = new Int32Array(slots);
    this.http = http;
    this.msSlot = msSlot;
    this.frontendDefault = options.frontend ?? '-';
  }

  match(s: string, start: number, end: number, header: SyslogHeader): TrafficRecord | undefined {
    try {
      return this.scan(s, start, end) ? this.build(s, header) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Fills starts/ends; true when the whole message is in the format. */
  private scan(s: string, start: number, end: number): boolean {
    const els = this.elements;
    const starts = this.starts;
    const ends = this.ends;
    let i = start;
    // a separator writes nothing at the start of the line or right after another one
    let afterSeparator = true;
    for (let k = 0; k < els.length; k++) {
      const e = els[k]!;
      if (e.kind === Kind.Text) {
        if (!s.startsWith(e.text, i) || i + e.text.length > end) return false;
        i += e.text.length;
        afterSeparator = false;
        continue;
      }
      if (e.kind === Kind.Separator) {
        const i0 = i;
        while (i < end && s.charCodeAt(i) === SP) i++;
        if (i === i0 && !afterSeparator) return false;
        afterSeparator = true;
        continue;
      }
      const stop = this.fieldEnd(s, i, end, e, k);
      if (stop < 0) return false;
      starts[e.slot] = i;
      ends[e.slot] = stop;
      if (stop > i) afterSeparator = false;
      i = stop;
    }
    while (i < end && s.charCodeAt(i) === SP) i++;
    return i === end;
  }

  /** End of the value of field `e` starting at i, or -1 when the input there is not such a value. */
  private fieldEnd(s: string, i: number, end: number, e: Element, k: number): number {
    if (e.quoted) return quotedEnd(s, i, end, e.escaped);
    const next = this.next[k]!;
    switch (e.shape) {
      case 'int':
        return intEnd(s, i, end, e.hex);
      case 'date':
        return dateEnd(s, i, end, 24);
      case 'date-zone':
        return dateEnd(s, i, end, 26);
      case 'captures': {
        if (s.charCodeAt(i) !== 123) return i; // no capture: HAProxy wrote nothing
        const close = s.indexOf('}', i + 1);
        return close < 0 || close >= end ? -1 : close + 1;
      }
      case 'capture-list': {
        if (i >= end || s.charCodeAt(i) === SP) return i;
        if (s.charCodeAt(i) === QUOTE) return quotedEnd(s, i, end, e.escaped);
        let j = i;
        while (j < end && s.charCodeAt(j) !== SP) j++;
        return j;
      }
      case 'name': {
        if (next === Next.Text) {
          const lit = this.elements[k + 1]!.text;
          const c = lit.charCodeAt(0);
          let j = i;
          while (j < end && s.charCodeAt(j) !== SP) j++;
          // `%ci:%cp` with an IPv6 client: the value ends at the last ':' of the token
          let stop = -1;
          if (c === 58) stop = s.lastIndexOf(':', j - 1);
          else for (let m = i; m < j && stop < 0; m++) if (s.charCodeAt(m) === c) stop = m;
          if (stop < i) stop = j;
          return stop > i ? stop : -1;
        }
        let j = i;
        while (j < end && s.charCodeAt(j) !== SP) j++;
        return j > i ? j : -1;
      }
      case 'request': {
        if (next === Next.End) return end;
        if (next === Next.Text) return textUntil(s, i, end, this.elements[k + 1]!.text);
        // METHOD URI VERSION, or one word (`<BADREQ>`)
        let j = i;
        while (j < end && s.charCodeAt(j) !== SP) j++;
        if (j === i) return -1;
        if (j + 1 < end && s.charCodeAt(i) !== 60) {
          let k2 = j + 1;
          while (k2 < end && s.charCodeAt(k2) !== SP) k2++;
          if (s.startsWith(' HTTP/', k2) && k2 + 6 <= end) {
            let k3 = k2 + 1;
            while (k3 < end && s.charCodeAt(k3) !== SP) k3++;
            return k3;
          }
        }
        return j;
      }
      default: {
        // free text
        if (next === Next.End) {
          let j = end;
          while (j > i && s.charCodeAt(j - 1) === SP) j--;
          return j;
        }
        if (next === Next.Text) return textUntil(s, i, end, this.elements[k + 1]!.text);
        let j = i;
        while (j < end && s.charCodeAt(j) !== SP) j++;
        return j;
      }
    }
  }

  private value(s: string, role: FieldRole): string | undefined {
    const slot = this.roleSlot[ROLE_INDEX[role]]!;
    if (slot < 0) return undefined;
    let a = this.starts[slot]!;
    let b = this.ends[slot]!;
    const e = this.bySlot[slot]!;
    if (e.quoted && b - a >= 2) {
      a++;
      b--;
    }
    return s.slice(a, b);
  }

  private int(s: string, role: FieldRole): number | undefined {
    const slot = this.roleSlot[ROLE_INDEX[role]]!;
    return slot < 0 ? undefined : this.intAt(s, slot);
  }

  private intAt(s: string, slot: number): number | undefined {
    const e = this.bySlot[slot]!;
    let a = this.starts[slot]!;
    const b = this.ends[slot]!;
    let neg = false;
    const c = s.charCodeAt(a);
    if (c === 45) {
      neg = true;
      a++;
    } else if (c === 43) a++;
    if (a === b) return neg ? -1 : undefined;
    let v: number;
    if (e.hex) v = Number.parseInt(s.slice(a, b), 16);
    else {
      v = 0;
      for (let k = a; k < b; k++) v = v * 10 + (s.charCodeAt(k) - 48);
    }
    if (!Number.isFinite(v)) return undefined;
    return neg ? -v : v;
  }

  private timer(s: string, role: FieldRole): number {
    return this.int(s, role) ?? -1;
  }

  private build(s: string, header: SyslogHeader): TrafficRecord {
    const slotOf = this.slotOf;
    let frontend = this.value(s, 'frontendXprt');
    let ssl = false;
    if (frontend !== undefined && frontend.length > 1 && frontend.endsWith('~')) {
      frontend = frontend.slice(0, -1);
      ssl = true;
    }
    frontend ??= this.value(s, 'frontend') ?? this.frontendDefault;
    const http = this.http;
    const timers = http
      ? [slotOf.has('TR') ? this.timer(s, 'TR') : this.timer(s, 'Tq'), this.timer(s, 'Tw'), this.timer(s, 'Tc'), this.timer(s, 'Tr'), slotOf.has('Ta') ? this.timer(s, 'Ta') : this.timer(s, 'Tt')]
      : [this.timer(s, 'Tw'), this.timer(s, 'Tc'), this.timer(s, 'Tt')];
    const record: TrafficRecord = {
      type: http ? 'http' : 'tcp',
      header,
      frontend,
      backend: this.value(s, 'backend') ?? '-',
      server: this.value(s, 'server') ?? '-',
      timers,
      terminationState: this.value(s, 'terminationState') ?? '',
    };
    const client = this.value(s, 'clientAddress');
    if (client !== undefined) record.clientAddress = client;
    const port = this.int(s, 'clientPort');
    if (port !== undefined && port >= 0) record.clientPort = port;
    let date = this.value(s, 'acceptDate') ?? this.value(s, 'acceptDateGmt');
    if (date === undefined && slotOf.has('timestamp')) {
      const ts = this.int(s, 'timestamp');
      const ms = this.msSlot >= 0 ? this.intAt(s, this.msSlot) ?? -1 : -1;
      if (ts !== undefined && ts >= 0) date = dateFromUnix(ts, ms);
    }
    if (date !== undefined) record.acceptDate = date;
    if (http) {
      const status = this.int(s, 'status');
      if (status !== undefined) record.status = status;
    }
    const bytesSlot = slotOf.get('bytes');
    if (bytesSlot !== undefined) {
      const b = this.intAt(s, bytesSlot);
      if (b !== undefined) record.bytes = b;
      if (s.charCodeAt(this.starts[bytesSlot]!) === 43) record.bytesPartial = true;
    }
    for (const key of COUNTERS) {
      const n = this.int(s, key);
      if (n !== undefined) record[key] = n;
    }
    let request = this.value(s, 'request');
    if (request === undefined && (slotOf.has('method') || slotOf.has('uri'))) {
      const method = this.value(s, 'method');
      // %HM %HU %HV of a request HAProxy could not parse are each `<BADREQ>`
      request = method === '<BADREQ>' ? method : [method, this.value(s, 'uri'), this.value(s, 'version')].filter((x) => x !== undefined && x !== '-').join(' ');
    }
    if (request !== undefined && request !== '-' && request !== '') record.request = request;
    let captures: string[] | undefined;
    for (const slot of this.captureSlots) {
      if (this.ends[slot]! - this.starts[slot]! >= 2) (captures ??= []).push(s.slice(this.starts[slot]! + 1, this.ends[slot]! - 1));
    }
    if (captures !== undefined) record.captures = captures;
    if (ssl) record.ssl = true;
    return record;
  }
}

/** `"..."`: end after the closing quote (backslash escapes skipped under +E); `-` alone is accepted too. */
function quotedEnd(s: string, i: number, end: number, escaped: boolean): number {
  if (s.charCodeAt(i) !== QUOTE) return s.charCodeAt(i) === 45 && (i + 1 === end || s.charCodeAt(i + 1) === SP) ? i + 1 : -1;
  for (let j = i + 1; j < end; j++) {
    const c = s.charCodeAt(j);
    if (escaped && c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** `[-+]?digits` (hex digits under +X), or `-` alone (unknown). */
function intEnd(s: string, i: number, end: number, hex: boolean): number {
  let j = i;
  const c0 = s.charCodeAt(j);
  if (c0 === 45 || c0 === 43) j++;
  const d0 = j;
  while (j < end && j - d0 <= MAX_INT_DIGITS) {
    const c = s.charCodeAt(j);
    if ((c >= 48 && c <= 57) || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)))) j++;
    else break;
  }
  if (j - d0 > MAX_INT_DIGITS) return -1;
  if (j === d0) return c0 === 45 ? j : -1;
  return j;
}

/** `dd/Mon/yyyy:HH:MM:SS.mmm` (24) or `dd/Mon/yyyy:HH:MM:SS +zzzz` (26). */
function dateEnd(s: string, i: number, end: number, length: number): number {
  if (i + length > end) return -1;
  if (s.charCodeAt(i + 2) !== 47 || s.charCodeAt(i + 6) !== 47 || s.charCodeAt(i + 11) !== 58 || s.charCodeAt(i + 14) !== 58) return -1;
  const sep = s.charCodeAt(i + 20);
  if (length === 24 ? sep !== 46 : sep !== SP) return -1;
  return i + length;
}

/** Free text up to the next occurrence of `literal` (which then matches there). */
function textUntil(s: string, i: number, end: number, literal: string): number {
  const j = s.indexOf(literal, i);
  return j < 0 || j + literal.length > end ? -1 : j;
}

/** Builds the matcher of a parsed format (see parseLogFormat). */
export function compileMatcher(format: string, nodes: FormatNode[], options: MatcherOptions = {}): LogFormatMatcher {
  return new CompiledMatcher(format, nodes, options);
}
