// Telling "the service is down" from "the config has the wrong port/address": what sibling servers use.
import type { RuleContext } from '../../engine/context.js';
import type { ServerTarget } from '../../model/topology.js';
import { listenersOf, type HostListeners } from './listeners.js';

/**
 * When the other servers of the same backend share one port, that nothing listens on this server's port
 * but something does listen on the shared port of its host says the config, not the service, is wrong.
 */
export function likelyIntendedPort(context: RuleContext, target: ServerTarget): { port: number; listener: HostListeners['listening'][number] } | undefined {
  if (!target.targetHost || target.server.port === undefined) return undefined;
  const siblings = context.topology.servers.filter(
    (other) => other.lbHost === target.lbHost && other.backend === target.backend && other.server.name !== target.server.name && other.server.port !== undefined,
  );
  const ports = new Set(siblings.map((other) => other.server.port as number));
  if (ports.size !== 1) return undefined;
  const [port] = [...ports] as [number];
  if (port === target.server.port) return undefined;
  const listeners = listenersOf(context, target.targetHost);
  const listener = listeners?.listening.find(({ socket }) => socket.local.port === port);
  return listener ? { port, listener } : undefined;
}
