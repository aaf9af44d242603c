// A bounded sample of scripts/conformance.mjs: lint against the real `haproxy -c -dr` (CI installs haproxy).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import * as conformance from '../../scripts/conformance.mjs';

const available: boolean = conformance.haproxyAvailable();
if (!available) console.warn('conformance sample skipped: haproxy is not installed (.ci/run installs it)');

describe.skipIf(!available)('conformance with haproxy -c (sample)', () => {
  it('agrees on verdicts and error lines of 250 generated variants, and never errors on an accepted config', async () => {
    const lint = await conformance.loadLinter();
    const variants = conformance.generateVariants(conformance.baseConfigs(), 250, 7);
    // With the host checks (lint --check-host), as haproxy -c looks at this host's files and users too.
    const stats = conformance.compare(lint, variants, { host: lint.localHost() });
    console.log(conformance.summary('sample', stats));
    expect(stats.falseErrors).toBe(0);
    expect(stats.verdictAgree / stats.total).toBeGreaterThanOrEqual(0.995);
    expect(stats.lineAgree / stats.lineTotal).toBeGreaterThanOrEqual(0.95);
  });
});

const corpus: boolean = available && (await import('node:fs')).existsSync(conformance.CORPUS);
if (available && !corpus) console.warn(`corpus check skipped: ${conformance.CORPUS} is not present`);

describe.skipIf(!corpus)('conformance with the HAProxy 2.6 regression-test corpus', () => {
  it('accepts every v2.6.0 config that 2.6.12 accepts', async () => {
    const lint = await conformance.loadLinter();
    const stats = conformance.compare(lint, conformance.corpusVariants('v2.6.0'));
    console.log(conformance.summary('corpus v2.6.0', stats));
    expect(stats.falseErrors).toBe(0);
    expect(stats.verdictAgree / stats.total).toBeGreaterThanOrEqual(0.99);
  });
});
