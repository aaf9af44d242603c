// Finding config lines on a host: the bind lines of a frontend, keyword lines of a section.
import type { Artifact } from '../../engine/artifact.js';
import type { RuleContext } from '../../engine/context.js';
import type { CfgBind, CfgLine, CfgProxy, CfgSection, HaproxyConfig } from '../../model/haproxy-config.js';
import { listenerAccepts } from '../../model/net-address.js';
import type { Provenance } from '../../model/provenance.js';

export interface LocatedBind {
  proxy: CfgProxy;
  bind: CfgBind;
  provenance: Provenance;
}

export function configsOf(context: RuleContext, host?: string): Artifact<HaproxyConfig>[] {
  return context.artifacts<HaproxyConfig>('haproxy-cfg', host);
}

/** IP binds of every frontend/listen of a host's configs. */
export function bindsOf(context: RuleContext, host: string): LocatedBind[] {
  const binds: LocatedBind[] = [];
  for (const artifact of configsOf(context, host)) {
    for (const proxy of artifact.value?.proxies ?? []) {
      for (const bind of proxy.binds) {
        if (bind.family === 'unix' || bind.family === 'other') continue;
        binds.push({ proxy, bind, provenance: { host: artifact.host, path: artifact.path, line: bind.line } });
      }
    }
  }
  return binds;
}

/** The bind line a "cannot bind ... for [address:port]" message is about. */
export function bindFor(context: RuleContext, host: string, address: string, port: number | undefined, frontend?: string): LocatedBind | undefined {
  const candidates = bindsOf(context, host).filter(({ bind }) => port === undefined || bind.port === port || (bind.portEnd !== undefined && bind.port !== undefined && port >= bind.port && port <= bind.portEnd));
  return (
    candidates.find(({ proxy, bind }) => (frontend === undefined || proxy.name === frontend) && bind.address === address) ??
    candidates.find(({ bind }) => listenerAccepts(bind.address, address)) ??
    candidates.find(({ proxy }) => proxy.name === frontend) ??
    candidates[0]
  );
}

/** Keyword lines of a named section (`backend be_app`), e.g. `option httpchk`, `timeout check`. */
export function sectionLines(artifact: Artifact<HaproxyConfig>, name: string, keyword: string, firstArg?: string): CfgLine[] {
  const sections: CfgSection[] = artifact.value?.sections.filter((section) => section.name === name) ?? [];
  return sections.flatMap((section) => section.lines.filter((line) => line.keyword === keyword && (firstArg === undefined || line.args[0] === firstArg)));
}
