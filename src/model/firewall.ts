// Firewall and kernel facts: iptables/nft/ufw/firewalld rule sets, sysctl keys and routes, each record with its line.

/** Why a dump holds no rule set: the tool could not run, which must not read as "no firewall". */
export interface ToolUnavailable {
  reason: 'not-running' | 'command-not-found' | 'permission-denied';
  line: number;
  text: string;
}

/** One `--option value...` of an iptables match module (`-m tcp --dport 80`), or a target option. */
export interface IptablesOption {
  /** Option name without dashes: `dport`, `dports`, `ctstate`, `src-range`, `reject-with`. */
  name: string;
  negated: boolean;
  values: string[];
}

export interface IptablesModuleMatch {
  /** `tcp`, `udp`, `multiport`, `conntrack`, `state`, `iprange`, `comment`, ... */
  module: string;
  options: IptablesOption[];
}

export interface NegatableValue {
  value: string;
  negated: boolean;
}

export interface IptablesRule {
  line: number;
  /** The rule as printed (iptables-save: the `-A` line; listings: the row). */
  text: string;
  protocol?: NegatableValue;
  source?: NegatableValue;
  destination?: NegatableValue;
  inInterface?: NegatableValue;
  outInterface?: NegatableValue;
  matches: IptablesModuleMatch[];
  /** `ACCEPT`, `DROP`, `REJECT`, `RETURN`, `LOG`, a user chain; undefined for a rule without target. */
  target?: string;
  /** `-g CHAIN` rather than `-j CHAIN`. */
  goto?: boolean;
  targetOptions: IptablesOption[];
  /** Match text a listing printed that the parser did not translate: the engine treats the rule as uncertain. */
  unknownMatches?: string[];
}

export interface IptablesChain {
  name: string;
  line: number;
  /** Built-in chains only: `ACCEPT` or `DROP`. */
  policy?: string;
  rules: IptablesRule[];
}

export interface IptablesTable {
  name: string;
  line: number;
  family: 'ipv4' | 'ipv6';
  chains: IptablesChain[];
  /** iptables-save: `COMMIT` seen; a listing is complete when it ends cleanly. */
  complete: boolean;
}

export interface IptablesRuleset {
  /** Which dump the rule set came from: listings (`-L`) lose some detail. */
  format: 'save' | 'list';
  tables: IptablesTable[];
  /** Listings without `-v` print no interface columns: rules with `-i`/`-o` look unconditional. */
  interfacesShown: boolean;
  unavailable?: ToolUnavailable;
}

// ---------------------------------------------------------------- nftables

/** A value in an nft expression: a single token, a range, an anonymous set, or a named set reference. */
export type NftValue =
  | { kind: 'single'; value: string }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'set'; elements: NftValue[] }
  | { kind: 'named-set'; name: string };

export interface NftMatch {
  /** Left-hand side as printed: `tcp dport`, `ip saddr`, `ct state`, `iifname`, `meta l4proto`. */
  key: string;
  operator: '==' | '!=';
  value: NftValue;
}

export interface NftVerdict {
  kind: 'accept' | 'drop' | 'reject' | 'jump' | 'goto' | 'return' | 'continue' | 'queue';
  /** jump/goto target chain. */
  chain?: string;
  /** `with tcp reset`, `with icmp host-prohibited`, ... (text after `with`). */
  rejectWith?: string;
}

export interface NftRule {
  line: number;
  text: string;
  matches: NftMatch[];
  verdict?: NftVerdict;
  /** Expressions the parser does not evaluate (e.g. `meta mark`, `limit rate`): the engine says so. */
  unknown: string[];
}

export interface NftChain {
  name: string;
  line: number;
  type?: string;
  hook?: string;
  /** Numeric priority (named priorities resolved: filter = 0, raw = -300, ...). */
  priority?: number;
  policy?: 'accept' | 'drop';
  rules: NftRule[];
}

export interface NftSet {
  name: string;
  line: number;
  type?: string;
  elements: NftValue[];
}

export interface NftTable {
  family: string;
  name: string;
  line: number;
  chains: NftChain[];
  sets: NftSet[];
}

export interface NftRuleset {
  tables: NftTable[];
  unavailable?: ToolUnavailable;
}

// ---------------------------------------------------------------- ufw

export type UfwAction = 'allow' | 'deny' | 'reject' | 'limit';
export type UfwPolicy = 'allow' | 'deny' | 'reject' | 'disabled';

export interface UfwEndpoint {
  /** Address or CIDR; undefined for `Anywhere`. */
  address?: string;
  /** Port list as printed (`80,443`, `8000:8010`); undefined when any port. */
  ports?: string;
  protocol?: 'tcp' | 'udp';
  /** Application profile name (`OpenSSH`, `Apache Full`): ports unknown without the profile file. */
  application?: string;
}

export interface UfwRule {
  line: number;
  text: string;
  number?: number;
  action: UfwAction;
  direction: 'in' | 'out' | 'fwd';
  to: UfwEndpoint;
  from: UfwEndpoint;
  v6: boolean;
  interface?: string;
  comment?: string;
}

export interface UfwStatus {
  active?: boolean;
  statusLine?: number;
  defaults?: { incoming: UfwPolicy; outgoing: UfwPolicy; routed: UfwPolicy; line: number };
  rules: UfwRule[];
  unavailable?: ToolUnavailable;
}

// ---------------------------------------------------------------- firewalld

export interface FirewalldRichRule {
  line: number;
  text: string;
  family?: 'ipv4' | 'ipv6';
  source?: NegatableValue;
  destination?: NegatableValue;
  service?: string;
  port?: { port: string; protocol: string };
  action?: 'accept' | 'reject' | 'drop' | 'mark';
  rejectType?: string;
  priority?: number;
}

export interface FirewalldZone {
  name: string;
  line: number;
  active: boolean;
  isDefault: boolean;
  /** `default`, `ACCEPT`, `DROP`, `%%REJECT%%` (shown as printed). */
  target: string;
  interfaces: string[];
  sources: string[];
  services: string[];
  /** `8080/tcp`, `9000-9010/tcp`. */
  ports: string[];
  richRules: FirewalldRichRule[];
  /** Line of each `key:` field, for evidence. */
  fieldLines: Record<string, number>;
}

export interface FirewalldZones {
  zones: FirewalldZone[];
  unavailable?: ToolUnavailable;
}

// ---------------------------------------------------------------- kernel

export interface SysctlEntry {
  line: number;
  key: string;
  value: string;
}

export interface SysctlListing {
  entries: SysctlEntry[];
  /** Keys sysctl could not read (`permission denied on key ...`). */
  unreadable: { line: number; key: string }[];
}

export interface RouteRecord {
  line: number;
  /** `unicast`, `local`, `broadcast`, `blackhole`, `unreachable`, `prohibit`, `multicast`, ... */
  type: string;
  /** `default`, `10.0.0.0/24`, `fe80::/64`. */
  destination: string;
  family: 'inet' | 'inet6';
  table?: string;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  /** `nexthop via ... dev ...` lines of a multipath route. */
  nexthops?: { via?: string; dev?: string; weight?: number; line: number }[];
}

// Messages of shells and firewall tools that mean "no listing was produced", seen in the lab fixtures:
// `/bin/sh: 1: nft: not found`, `bash: line 1: iptables: command not found`, `... Permission denied (you must be root)`,
// `Operation not permitted`, `ERROR: You need to be root to run this script`, `FirewallD is not running`,
// `Error: DBUS_ERROR: Failed to connect to socket ...` (firewall-cmd with neither firewalld nor dbus).
const UNAVAILABLE_PATTERNS: { reason: ToolUnavailable['reason']; pattern: RegExp }[] = [
  { reason: 'command-not-found', pattern: /: (?:command )?not found$|^env: .*: No such file or directory$|^which: no /i },
  { reason: 'permission-denied', pattern: /Permission denied|Operation not permitted|you must be root|You need to be root|must be run as root/i },
  { reason: 'not-running', pattern: /FirewallD is not running|^not running$|DBUS_ERROR|is not running/i },
];

/** Recognises a tool's "could not run" message in the first lines of a dump (lines are [1-based number, text]). */
export function detectToolUnavailable(lines: Iterable<{ line: number; text: string }>, maxLines = 5): ToolUnavailable | undefined {
  let seen = 0;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    for (const { reason, pattern } of UNAVAILABLE_PATTERNS) {
      if (pattern.test(trimmed)) return { reason, line, text: trimmed.slice(0, 300) };
    }
    if (++seen >= maxLines) break;
  }
  return undefined;
}
