// HAProxy's SELinux denials (AVC records of haproxy_t that were enforced), grouped by permission and port.
import type { RuleContext } from '../../engine/context.js';
import type { Provenance } from '../../model/provenance.js';
import type { AuditLog, AvcDenial, SelinuxStatus } from '../../model/selinux.js';
import { firstAndLast } from './log-events.js';

export interface PortDenials {
  host: string;
  permission: 'name_connect' | 'name_bind';
  port: number;
  avcs: AvcDenial[];
  /** First and last AVC lines. */
  evidence: Provenance[];
}

export function haproxyPortDenials(context: RuleContext, permission: PortDenials['permission']): PortDenials[] {
  const groups = new Map<string, PortDenials>();
  for (const artifact of context.artifacts<AuditLog>('audit-log')) {
    const host = artifact.host;
    if (enforcing(context, host) === false) continue;
    for (const avc of artifact.value?.avcs ?? []) {
      if (avc.result !== 'denied' || avc.permissive || !avc.permissions.includes(permission)) continue;
      if (avc.sourceType !== 'haproxy_t' && avc.comm !== 'haproxy') continue;
      const port = permission === 'name_connect' ? avc.destPort : avc.srcPort ?? avc.destPort;
      if (port === undefined) continue;
      const key = `${host}|${artifact.path}|${port}`;
      const group = groups.get(key) ?? { host, permission, port, avcs: [], evidence: [] };
      group.avcs.push(avc);
      group.evidence = firstAndLast(group.avcs).map((denial) => ({ host, path: artifact.path, line: denial.line }));
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** false only when sestatus says permissive or disabled: then AVCs are logged but nothing is refused. */
function enforcing(context: RuleContext, host: string): boolean | undefined {
  const status = context.artifacts<SelinuxStatus>('sestatus', host)[0]?.value;
  if (!status) return undefined;
  if (status.status === 'disabled') return false;
  return status.currentMode === undefined ? undefined : status.currentMode === 'enforcing';
}

export function selinuxModeEvidence(context: RuleContext, host: string): Provenance[] {
  const artifact = context.artifacts<SelinuxStatus>('sestatus', host)[0];
  const line = artifact?.value?.currentModeLine;
  return artifact && line !== undefined ? [{ host, path: artifact.path, line }] : [];
}
