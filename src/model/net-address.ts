// IP address helpers shared by socket, interface and config facts.

/** `*`, `0.0.0.0`, `::` and `[::]` all mean "every address of the host" for a listener. */
export function isWildcardAddress(address: string): boolean {
  return address === '*' || address === '0.0.0.0' || address === '::' || address === '[::]' || address === '';
}

export function isLoopbackAddress(address: string): boolean {
  const bare = stripBrackets(address).toLowerCase();
  return bare.startsWith('127.') || bare === '::1' || bare.startsWith('::ffff:127.') || bare === 'localhost';
}

export function stripBrackets(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

export function isIPv6(address: string): boolean {
  return stripBrackets(address).includes(':');
}

/** `::ffff:10.0.0.1` is the IPv4 address as a v4v6 socket reports it. */
export function unmapIPv4(address: string): string {
  const bare = stripBrackets(address);
  return bare.toLowerCase().startsWith('::ffff:') && bare.includes('.') ? bare.slice(7) : bare;
}

/** True when a listener on `listenAddress` accepts connections addressed to `target`. */
export function listenerAccepts(listenAddress: string, target: string): boolean {
  const listen = unmapIPv4(listenAddress);
  const wanted = unmapIPv4(target);
  if (listen === '*' || listen === '::') return true;
  if (listen === '0.0.0.0') return !wanted.includes(':');
  return listen.toLowerCase() === wanted.toLowerCase();
}

/** Formats `address:port` with brackets around IPv6 addresses. */
export function formatEndpoint(address: string, port?: number): string {
  const shown = isIPv6(address) && !address.startsWith('[') ? `[${address}]` : address;
  return port === undefined ? shown : `${shown}:${port}`;
}
