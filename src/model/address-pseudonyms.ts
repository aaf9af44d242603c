// Consistent stand-ins for IP addresses and host names, so a report can be shared outside the company.
import { isIPv4, isIPv6 } from 'node:net';

// Addresses that say something about the problem (wildcard, loopback) and identify nobody: kept as they are.
const KEPT = new Set(['0.0.0.0', '::', '::1', '255.255.255.255']);
// Digits, not word characters, bound an address: collector file names glue them with `_` or the `.` that
// stands for `/` (`nc_-vz_10.0.0.1_80`, `curl_http:..10.0.0.1:80.`); a digit and dot before means a longer number.
// tcpdump writes `10.0.0.1.34567 > 10.0.0.2.80:` (address.port): a dotted port is allowed only in that shape,
// so a version string like 1.2.3.4.5 stays as it is.
const IPV4_CANDIDATE = /(?<!\d|\d\.)\d{1,3}(?:\.\d{1,3}){3}(?!\d)(?:(?!\.\d)|(?=\.\d{1,5}(?::| >)))/g;
// Bounded length: an IPv6 address has at most 39 characters; validation is left to isIPv6.
const IPV6_CANDIDATE = /(?<![0-9A-Fa-f:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])/g;

export class AddressPseudonyms {
  private readonly names = new Map<string, string>();
  private readonly hostPattern: RegExp | undefined;
  private v4 = 0;
  private v6 = 0;

  /** `hostNames`: the bundle's host names (and any other names to hide), matched as whole words. */
  constructor(hostNames: readonly string[]) {
    const hidden = [...new Set(hostNames)].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
    hidden.forEach((name, index) => this.names.set(`host:${name}`, `host-${index + 1}`));
    this.hostPattern = hidden.length > 0 ? new RegExp(`(?<![\\w.-])(?:${hidden.map(escapeRegExp).join('|')})(?![\\w-])`, 'g') : undefined;
  }

  /** The pseudonym of a host name given to the constructor, or the name itself. */
  host(name: string): string {
    return this.names.get(`host:${name}`) ?? name;
  }

  apply(text: string): string {
    let result = text.replace(IPV4_CANDIDATE, (address) => (isIPv4(address) ? this.address(address, 4) : address));
    result = result.replace(IPV6_CANDIDATE, (address) => (address.includes(':') && isIPv6(address) ? this.address(address, 6) : address));
    if (this.hostPattern) result = result.replace(this.hostPattern, (name) => this.host(name));
    return result;
  }

  private address(address: string, family: 4 | 6): string {
    if (KEPT.has(address) || (family === 4 && address.startsWith('127.'))) return address;
    // One address, one pseudonym, however it is written (`fd88::12` and `fd88:0:0:0:0:0:0:12`).
    const key = `ip${family}:${family === 6 ? canonicalIpv6(address) : address}`;
    let pseudonym = this.names.get(key);
    if (!pseudonym) {
      pseudonym = family === 4 ? `ipv4-${++this.v4}` : `ipv6-${++this.v6}`;
      this.names.set(key, pseudonym);
    }
    return pseudonym;
  }
}

function canonicalIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname;
  } catch {
    return address.toLowerCase();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
