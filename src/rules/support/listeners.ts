// Listening TCP sockets of a host, from whichever ss artifacts the bundle holds.
import type { RuleContext } from '../../engine/context.js';
import type { SocketRecord } from '../../model/network.js';
import type { Provenance } from '../../model/provenance.js';
import type { SsListing } from '../../parsers/ss/index.js';

export interface HostListeners {
  /** The ss artifact the answer comes from. */
  source: { host: string; path: string; headerLine: number };
  /** TCP LISTEN sockets with their provenance. */
  listening: { socket: SocketRecord; provenance: Provenance }[];
}

/**
 * The listening sockets of a host, from its first ss artifact that can show listeners
 * (-l or -a listings; an `ss -tn` of established connections alone cannot prove "nothing listens").
 */
export function listenersOf(context: RuleContext, host: string): HostListeners | undefined {
  // A listening-only listing with processes (ss -tulpn) is the clearest evidence; -tan comes after.
  const score = (path: string) => (/_-\w*l/.test(path) ? 2 : 0) + (/_-\w*p/.test(path) ? 1 : 0);
  const listings = context.artifacts<SsListing>('ss', host).sort((a, b) => score(b.path) - score(a.path));
  for (const artifact of listings) {
    const sockets = artifact.value?.sockets ?? [];
    const showsListeners = sockets.some((socket) => socket.state === 'LISTEN' || socket.state === 'UNCONN') || /_-\w*[la]/.test(artifact.path);
    if (!showsListeners) continue;
    const listening = sockets
      .filter((socket) => socket.state === 'LISTEN' && (socket.netid === undefined || socket.netid === 'tcp'))
      .map((socket) => ({ socket, provenance: { host: artifact.host, path: artifact.path, line: socket.line } }));
    return { source: { host: artifact.host, path: artifact.path, headerLine: artifact.value?.headerLine ?? 1 }, listening };
  }
  return undefined;
}
