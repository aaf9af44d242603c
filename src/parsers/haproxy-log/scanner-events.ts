// A summarizer's side of the event lines the WebAssembly module counts (wasm/event-count.c): which messages it handed
// over, under which kind ids, and for which syslog prefix; and whether it counts error-log-format warnings (a shape,
// not a message: one per connection). While the report still keeps events, the module hands such lines back with
// their entry and time instead, and they are kept from here (kept()) without reading the line again. An event message the byte path has read once (the event
// memo of LogSummarizer) is handed to the module with the id of its kind; once the `logs` observer keeps no more
// events, the module counts the lines with that message after the cached prefix by kind, and the summarizer adds
// them up in bulk (LogSummarizer.addCounted). The message decides the record and the rest of the prefix its header,
// so the handed-over messages are forgotten whenever the prefix changes (other than its timestamp) or another
// summarizer hands messages to the module.
import type { LogRecord, SyslogHeader } from '../../model/haproxy-log.js';
import { latin1 } from './byte-words.js';
import { RECORD_KEPT_WARNING, type LineScanner } from './line-scanner.js';

/** What LogsObserver counts an event record under (`eventCounts`); undefined for traffic records. */
export function eventCountKey(record: LogRecord): string | undefined {
  if (record.type === 'http' || record.type === 'tcp') return undefined;
  return record.type === 'server-state' ? (record.check ? `check-${record.check}` : record.state) : record.type;
}

export class ScannerEvents {
  /** Kind names by id (ids stay the same for the summarizer's whole life). */
  readonly kinds: string[] = [];
  private readonly ids = new Map<string, number>();
  private scanner: LineScanner | undefined;
  /** The cached prefix (its object: its timestamp bytes change in place, the rest never) the messages came with. */
  private prefix: Uint8Array | undefined;
  /** The prefix the warning kind was given to the module for (see rememberWarning). */
  private warningGiven: Uint8Array | undefined;
  /** Where the prefix's timestamp lies (its kept events show it). */
  private tsStart = 0;
  private tsEnd = 0;
  /** What each entry of the module's (rememberEvent) was read as: the record a kept event line gets. */
  private readonly bodies: (LogRecord | undefined)[] = [];
  /** The header of a line with the prefix: its host, program and pid are every such line's. */
  private header: SyslogHeader | undefined;

  /**
   * Before a batch of lines: takes the module's messages over when they are another summarizer's or came with
   * another prefix. `time`: the header time of an event line's prefix (see LineScanner.eventTime); `year`: the
   * summarizer's, for BSD timestamps.
   */
  prepare(scanner: LineScanner, prefix: Uint8Array, tsStart: number, tsEnd: number, owner: unknown, time: (start: number, p: number) => number, year: number): void {
    if (scanner.eventsOwner !== owner || this.prefix !== prefix) {
      scanner.forgetEvents();
      this.warningGiven = undefined;
      this.bodies.length = 0;
      this.header = undefined;
      scanner.eventsOwner = owner;
      scanner.eventTime = time;
      scanner.setEventYear(year);
      this.prefix = prefix;
    }
    this.tsStart = tsStart;
    this.tsEnd = tsEnd;
    this.scanner = scanner;
  }

  /**
   * Hands the message b[p, end) of an event line over to the module: `prefix` is the cached prefix the line matched,
   * `record` what the line was read as. Nothing when `b` is not the module's chunk or the module has moved on.
   */
  remember(b: Uint8Array, p: number, end: number, record: LogRecord, prefix: Uint8Array, owner: unknown): void {
    const s = this.scannerFor(b, prefix, owner);
    const id = s === undefined ? -1 : this.idOf(s, record);
    const entry = id < 0 ? -1 : s!.rememberEvent(p, end, id);
    if (entry < 0) return;
    this.bodies[entry] = record;
    this.header ??= record.header;
  }

  /**
   * After digitMessageFromBytes read a line of the module's chunk b (after the cached prefix `prefix`) as `record`:
   * from then on the module counts the lines of that shape (wasm/event-count.c countWarning) under its kind.
   */
  rememberWarning(b: Uint8Array, record: LogRecord, prefix: Uint8Array, owner: unknown): void {
    if (record.type !== 'warning' || this.warningGiven === this.prefix) return;
    const s = this.scannerFor(b, prefix, owner);
    const id = s === undefined ? -1 : this.idOf(s, record);
    if (id < 0) return;
    s!.setWarningKind(id);
    this.warningGiven = this.prefix;
    this.header ??= record.header;
  }

  /**
   * The record of a line the module handed back to keep (LineScanner RECORD_KEPT_EVENT or RECORD_KEPT_WARNING): the
   * line b[start, end) after the prefix, of entry `entry`, its header's time `time` (NaN: none). What the byte path
   * reads it as (eventFromBytes, digitMessageFromBytes): the remembered record or a warning, with the header
   * scanSyslogHeader reads from its prefix. Undefined when it is not known here (the byte path then reads the line).
   */
  kept(kind: number, entry: number, b: Uint8Array, start: number, end: number, time: number): LogRecord | undefined {
    const last = this.header;
    const prefix = this.prefix;
    if (last === undefined || prefix === undefined) return undefined;
    // headerFromScan's keys, in its order
    const header: SyslogHeader = { timestamp: latin1(b, start + this.tsStart, start + this.tsEnd) };
    if (time === time) header.time = time;
    if (last.host !== undefined) header.host = last.host;
    if (last.program !== undefined) header.program = last.program;
    if (last.pid !== undefined) header.pid = last.pid;
    if (kind === RECORD_KEPT_WARNING) return { type: 'warning', header, message: latin1(b, start + prefix.length, end) };
    const body = this.bodies[entry];
    if (body !== undefined) body.header = header;
    return body;
  }

  /** The scanner, when `b` is its chunk and the messages it was given are still this summarizer's for `prefix`. */
  private scannerFor(b: Uint8Array, prefix: Uint8Array, owner: unknown): LineScanner | undefined {
    const s = this.scanner;
    return s === undefined || s.eventsOwner !== owner || prefix !== this.prefix || !s.owns(b) ? undefined : s;
  }

  /** The kind id of `record` (-1: a traffic record, or no id left). */
  private idOf(s: LineScanner, record: LogRecord): number {
    const kind = eventCountKey(record);
    if (kind === undefined) return -1;
    let id = this.ids.get(kind);
    if (id === undefined) {
      if (this.kinds.length >= s.maxEventKinds) return -1;
      id = this.kinds.length;
      this.kinds.push(kind);
      this.ids.set(kind, id);
    }
    return id;
  }
}
