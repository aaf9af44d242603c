// The firewall verdict engine: iptables, nftables, ufw and firewalld rule sets -> ACCEPT / DROP / REJECT for a packet.
export { evaluateFirewalld } from './firewalld.js';
export { firewallVerdictForHost, type FirewallFrontEnd, type FirewallSourceKind, type HostFirewallVerdict } from './host-verdict.js';
export { evaluateIptables, type EvaluateOptions } from './iptables.js';
export { evaluateNft } from './nft.js';
export type { ConntrackState, DecidingRule, Direction, Packet, Verdict, VerdictResult } from './packet.js';
export { evaluateUfw } from './ufw.js';
