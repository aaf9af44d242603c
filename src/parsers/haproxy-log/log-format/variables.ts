// The variables of HAProxy 2.6's log-format language (configuration.txt 8.2.6; `logformat_keywords` in src/log.c),
// with the shape HAProxy writes each in and the TrafficRecord field it fills.

/** How a value is written, which decides how the matcher finds its end. */
export type ValueShape =
  /** `[-+]?digits` (timers, counters, status, ports); `-` when unknown; hex digits under `+X`. */
  | 'int'
  /** A name without blanks (proxy and server names, termination state, IP addresses). */
  | 'name'
  /** `dd/Mon/yyyy:HH:MM:SS.mmm` (%t, %tr). */
  | 'date'
  /** `dd/Mon/yyyy:HH:MM:SS +zzzz` (%T, %Tl, %trg, %trl): one blank inside. */
  | 'date-zone'
  /** `{a|b}` header captures, written only when the proxy captures headers (else nothing at all). */
  | 'captures'
  /** CLF-style capture list (%hrl %hsl): nothing when nothing is captured, else one (quoted) word. */
  | 'capture-list'
  /** Free text, may hold blanks (%r, %HU, captured lists, sample expressions, unique id). */
  | 'text'
  /** The HTTP request line `METHOD URI VERSION` (or `<BADREQ>`): blanks inside. */
  | 'request';

/** Record fields a variable fills. */
export type FieldRole =
  | 'clientAddress' | 'clientPort' | 'acceptDate' | 'acceptDateGmt' | 'timestamp' | 'frontend' | 'frontendXprt'
  | 'backend' | 'server' | 'TR' | 'Tq' | 'Tw' | 'Tc' | 'Tr' | 'Ta' | 'Tt' | 'status' | 'bytes' | 'terminationState'
  | 'actconn' | 'feconn' | 'beconn' | 'srvConn' | 'retries' | 'srvQueue' | 'backendQueue' | 'request' | 'method'
  | 'uri' | 'version' | 'captures' | 'none';

export interface VariableSpec {
  shape: ValueShape;
  role: FieldRole;
  /** Only meaningful in `mode http` (the "H" column of the table): marks a format as an HTTP one. */
  http?: boolean;
  /** A string HAProxy quotes under `+Q` (numbers and dates are never quoted). */
  quotable?: boolean;
}

const v = (shape: ValueShape, role: FieldRole, extra: Partial<VariableSpec> = {}): VariableSpec => ({ shape, role, ...extra });
const str = (role: FieldRole, extra: Partial<VariableSpec> = {}): VariableSpec => v('name', role, { quotable: true, ...extra });
const text = (role: FieldRole, extra: Partial<VariableSpec> = {}): VariableSpec => v('text', role, { quotable: true, ...extra });

export const FORMAT_VARIABLES: ReadonlyMap<string, VariableSpec> = new Map<string, VariableSpec>([
  ['o', v('text', 'none')], // special: sets the default flags of the variables after it; writes nothing
  ['B', v('int', 'bytes')],
  ['CC', text('none', { http: true })],
  ['CS', text('none', { http: true })],
  ['H', str('none')],
  ['HM', text('method', { http: true })],
  ['HP', text('uri', { http: true })],
  ['HPO', text('none', { http: true })],
  ['HQ', text('none', { http: true })],
  ['HU', text('uri', { http: true })],
  ['HV', text('version', { http: true })],
  ['ID', text('none')],
  ['ST', v('int', 'status', { http: true })],
  ['T', v('date-zone', 'acceptDateGmt')],
  ['Ta', v('int', 'Ta', { http: true })],
  ['Tc', v('int', 'Tc')],
  ['Td', v('int', 'none')],
  ['Th', v('int', 'none')],
  ['Ti', v('int', 'none', { http: true })],
  ['Tl', v('date-zone', 'acceptDateGmt')],
  ['Tq', v('int', 'Tq', { http: true })],
  ['TR', v('int', 'TR', { http: true })],
  ['Tr', v('int', 'Tr', { http: true })],
  ['Ts', v('int', 'timestamp')],
  ['Tt', v('int', 'Tt')],
  ['Tu', v('int', 'none')],
  ['Tw', v('int', 'Tw')],
  ['U', v('int', 'none')],
  ['ac', v('int', 'actconn')],
  ['b', str('backend')],
  ['bc', v('int', 'beconn')],
  ['bi', str('none')],
  ['bp', v('int', 'none')],
  ['bq', v('int', 'backendQueue')],
  ['ci', str('clientAddress')],
  ['cp', v('int', 'clientPort')],
  ['f', str('frontend')],
  ['fc', v('int', 'feconn')],
  ['fi', str('none')],
  ['fp', v('int', 'none')],
  ['ft', str('frontendXprt')],
  ['hr', v('captures', 'captures')],
  ['hrl', v('capture-list', 'none')],
  ['hs', v('captures', 'captures')],
  ['hsl', v('capture-list', 'none')],
  ['lc', v('int', 'none')],
  ['ms', v('int', 'none')],
  ['pid', v('int', 'none')],
  ['r', v('request', 'request', { http: true, quotable: true })],
  ['rc', v('int', 'retries')],
  ['rt', v('int', 'none')],
  ['s', str('server')],
  ['sc', v('int', 'srvConn')],
  ['si', str('none')],
  ['sp', v('int', 'none')],
  ['sq', v('int', 'srvQueue')],
  ['sslc', str('none')],
  ['sslv', str('none')],
  ['t', v('date', 'acceptDate')],
  ['tr', v('date', 'acceptDate', { http: true })],
  ['trg', v('date-zone', 'acceptDateGmt', { http: true })],
  ['trl', v('date-zone', 'acceptDateGmt', { http: true })],
  // written character by character, never quoted (CLF's `%{+Q}o` leaves `----` bare)
  ['ts', v('name', 'terminationState')],
  ['tsc', v('name', 'terminationState', { http: true })],
]);
