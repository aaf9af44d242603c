// Every artifact parser, in the order discovery tries their path patterns and sniffers.
import type { ArtifactParser } from './parser.js';
import { auditLogParser } from './audit/index.js';
import { collectorManifestParser } from './collector-manifest/index.js';
import { curlParser } from './curl/index.js';
import { firewalldZonesParser } from './firewalld/index.js';
import { haproxyCfgParser } from './haproxy-cfg/index.js';
import { haproxyCheckParser } from './haproxy-check/index.js';
import { haproxyLogParser } from './haproxy-log/index.js';
import { haproxyInfoParser, haproxyServersStateParser, haproxyStatsParser } from './haproxy-stats/index.js';
import { hostnameParser } from './hostname/index.js';
import { ipAddrParser } from './ip-addr/index.js';
import { ipRouteParser } from './ip-route/index.js';
import { iptablesListParser, iptablesSaveParser } from './iptables/index.js';
import { ncParser } from './nc/index.js';
import { netstatParser } from './netstat/index.js';
import { nftRulesetParser } from './nft/index.js';
import { procNetTcpParser } from './proc-net-tcp/index.js';
import { selinuxBooleansParser, selinuxPortsParser, sestatusParser } from './selinux/index.js';
import { ssParser, ssSummaryParser } from './ss/index.js';
import { haproxyJournalParser } from './journal/index.js';
import { limitsParser } from './limits/index.js';
import { processListParser } from './process-list/index.js';
import { systemctlStatusParser } from './systemd/index.js';
import { sysctlParser } from './sysctl/index.js';
import { sosLogParser } from './sos-log/index.js';
import { sosManifestParser } from './sos-manifest/index.js';
import { tcpdumpParser } from './tcpdump/index.js';
import { ufwStatusParser } from './ufw/index.js';

export const PARSERS: readonly ArtifactParser[] = [
  // Before haproxy-cfg: `commands/haproxy_-c_-f_.etc.haproxy.haproxy.cfg` ends in .cfg but is haproxy's output.
  haproxyCheckParser,
  haproxyCfgParser,
  haproxyLogParser,
  // journalctl -u haproxy: HAProxy's journal, read as an HAProxy log (same kind, journal paths).
  haproxyJournalParser,
  // Before ss: `commands/ss_*` would take `commands/ss_-s`.
  ssSummaryParser,
  ssParser,
  netstatParser,
  procNetTcpParser,
  ipAddrParser,
  ipRouteParser,
  iptablesSaveParser,
  iptablesListParser,
  nftRulesetParser,
  sysctlParser,
  ufwStatusParser,
  firewalldZonesParser,
  hostnameParser,
  ncParser,
  curlParser,
  tcpdumpParser,
  auditLogParser,
  selinuxBooleansParser,
  selinuxPortsParser,
  sestatusParser,
  haproxyServersStateParser,
  haproxyStatsParser,
  haproxyInfoParser,
  systemctlStatusParser,
  processListParser,
  limitsParser,
  collectorManifestParser,
  sosManifestParser,
  sosLogParser,
] as ArtifactParser[];

export function parserForKind(kind: string): ArtifactParser | undefined {
  return PARSERS.find((parser) => parser.kind === kind);
}
