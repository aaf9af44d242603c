// Joins across hosts: which host runs HAProxy, which host owns each server address.
import type { CfgServer } from './haproxy-config.js';
import type { Provenance } from './provenance.js';

export type HostRole = 'load-balancer' | 'backend';

export interface HostInfo {
  name: string;
  roles: HostRole[];
  addresses: string[];
}

export interface AddressOwner {
  host: string;
  interface: string;
  provenance: Provenance;
}

/** A server line of a load balancer's config, joined to the host that owns its address. */
export interface ServerTarget {
  lbHost: string;
  configPath: string;
  backend: string;
  server: CfgServer;
  /** Provenance of the `server` line. */
  provenance: Provenance;
  /** The host owning the server's address; undefined when no host in the bundle does. */
  targetHost?: string;
  owner?: AddressOwner;
}

export interface Topology {
  hosts: HostInfo[];
  servers: ServerTarget[];
  ownersOf(address: string): AddressOwner[];
}
