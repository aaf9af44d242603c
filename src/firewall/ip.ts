// IPv4/IPv6 addresses as bigints, for CIDR, range and set membership tests in the verdict engine.

export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export function parseIp(text: string): IpAddress | undefined {
  let bare = text.trim();
  if (bare.startsWith('[') && bare.endsWith(']')) bare = bare.slice(1, -1);
  const percent = bare.indexOf('%');
  if (percent !== -1) bare = bare.slice(0, percent);
  if (bare.includes(':')) return parseIPv6(bare);
  const value = parseIPv4(bare);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): IpAddress | undefined {
  if (text.length > 45) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIPv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] ?? '').split(':')) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return { family: 6, value };
}

export interface IpRange {
  family: 4 | 6;
  from: bigint;
  to: bigint;
}

/** `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `fd00::/64` or a bare address (host route). */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = address.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const maskText = text.slice(slash + 1);
    if (/^\d{1,3}$/.test(maskText)) prefix = Number(maskText);
    else {
      const mask = address.family === 4 ? parseIPv4(maskText) : undefined;
      if (mask === undefined) return undefined;
      prefix = mask.toString(2).replace(/0+$/, '').length;
      if (mask === 0n) prefix = 0;
    }
    if (prefix > bits) return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  const from = (address.value >> hostBits) << hostBits;
  return { family: address.family, from, to: from + (1n << hostBits) - 1n };
}

/** `10.0.0.1-10.0.0.9` (iptables iprange, nft ranges). */
export function parseIpRange(from: string, to: string): IpRange | undefined {
  const a = parseIp(from);
  const b = parseIp(to);
  if (!a || !b || a.family !== b.family) return undefined;
  return { family: a.family, from: a.value, to: b.value };
}

export function rangeContains(range: IpRange, address: IpAddress): boolean {
  return range.family === address.family && address.value >= range.from && address.value <= range.to;
}

/** True when `address` (text) is inside `cidr` (text); false when either does not parse. */
export function cidrContains(cidr: string, address: string): boolean {
  const range = parseCidr(cidr);
  const ip = parseIp(address);
  return range !== undefined && ip !== undefined && rangeContains(range, ip);
}
