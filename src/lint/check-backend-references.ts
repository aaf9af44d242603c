// default_backend / use_backend must name an existing backend or listen section: HAProxy refuses to start otherwise.
import type { HaproxyConfig } from '../model/haproxy-config.js';
import type { LintResult } from './lint-result.js';

export function checkBackendReferences(file: string, config: HaproxyConfig): LintResult[] {
  const results: LintResult[] = [];
  const backends = new Set(config.proxies.filter((proxy) => proxy.type === 'backend' || proxy.type === 'listen').map((proxy) => proxy.name));
  for (const proxy of config.proxies) {
    const references = [
      ...(proxy.defaultBackend ? [{ ...proxy.defaultBackend, keyword: 'default_backend' }] : []),
      ...proxy.useBackends.map((use) => ({ ...use, keyword: 'use_backend' })),
    ];
    for (const reference of references) {
      // Names built from samples (`use_backend be_%[req.hdr(host)]`) resolve at run time.
      if (reference.name.includes('%[') || backends.has(reference.name)) continue;
      results.push({
        file,
        line: reference.line,
        column: 1,
        ruleId: 'unknown-backend',
        severity: 'error',
        message: `${proxy.type} "${proxy.name}": ${reference.keyword} names backend "${reference.name}", which is not defined; expected the name of a backend or listen section`,
      });
    }
  }
  return results;
}
