import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIptablesList, parseIptablesSave } from '../../../src/parsers/iptables/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const fixture = (name: string) => readFixture('parsers/iptables', name);

describe('iptables-save', () => {
  it('reads tables, policies, user chains and rules with their lines', () => {
    const { ok, value, diagnostics } = parseIptablesSave(fixture('iptables-save-matches.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    const filter = value.tables[0];
    expect(filter).toMatchObject({ name: 'filter', family: 'ipv4', complete: true, line: 2 });
    expect(filter?.chains.map((c) => `${c.name}:${c.policy ?? '-'}:${c.rules.length}`)).toEqual(['INPUT:DROP:12', 'FORWARD:DROP:0', 'OUTPUT:ACCEPT:0', 'APP:-:2', 'MGMT:-:2']);
    const input = filter?.chains[0]?.rules ?? [];
    expect(input[7]).toMatchObject({
      line: 15,
      source: { value: '10.0.0.0/8', negated: true },
      protocol: { value: 'tcp', negated: false },
      target: 'REJECT',
      targetOptions: [{ name: 'reject-with', negated: false, values: ['tcp-reset'] }],
    });
    expect(input[5]?.matches).toEqual([{ module: 'multiport', options: [{ name: 'dports', negated: false, values: ['80,443,8000:8010'] }] }]);
    expect(input[11]?.matches[0]?.options[0]).toEqual({ name: 'dport', negated: true, values: ['3306'] });
    expect(input[11]?.matches[1]).toEqual({ module: 'comment', options: [{ name: 'comment', negated: false, values: ['reject the rest of tcp'] }] });
    expect(input[10]?.targetOptions).toEqual([{ name: 'log-prefix', negated: false, values: ['mysql: '] }]);
  });

  it('reads -c counters, ip6tables-save, the legacy backend and ufw-generated chains the same way', () => {
    const plain = parseIptablesSave(fixture('iptables-save-matches.txt')).value;
    const counters = parseIptablesSave(fixture('iptables-save-counters.txt'));
    expect(counters.diagnostics).toEqual([]);
    const strip = (value: typeof plain) => value.tables.map((t) => t.chains.map((c) => c.rules.map((r) => [r.target, r.matches, r.source, r.protocol])));
    expect(strip(counters.value)).toEqual(strip(plain));
    expect(strip(parseIptablesSave(fixture('iptables-legacy-save-matches.txt')).value)).toEqual(strip(plain));
    const v6 = parseIptablesSave(fixture('ip6tables-save-filter.txt')).value;
    expect(v6.tables[0]?.family).toBe('ipv6');
    const ufw = parseIptablesSave(fixture('iptables-save-ufw.txt'));
    expect(ufw.diagnostics).toEqual([]);
    expect(ufw.value.tables[0]?.chains.find((c) => c.name === 'ufw-user-input')?.rules.length).toBeGreaterThan(10);
  });

  it('recognises "could not run" outputs instead of reading them as an empty rule set', () => {
    expect(parseIptablesSave(fixture('iptables-save-permission-denied.txt')).value.unavailable).toMatchObject({ reason: 'permission-denied', line: 1 });
    expect(parseIptablesSave(fixture('iptables-save-command-not-found.txt')).value.unavailable?.reason).toBe('command-not-found');
    const empty = parseIptablesSave(fixture('iptables-save-empty.txt'));
    expect(empty.ok).toBe(true);
    expect(empty.value).toMatchObject({ tables: [] });
    expect(empty.value.unavailable).toBeUndefined();
  });

  it('flags a dump cut before COMMIT (partial), keeping the rules read so far', () => {
    const text = fixture('iptables-save-matches.txt');
    const cut = text.slice(0, text.indexOf('-A APP'));
    const { ok, value, diagnostics } = parseIptablesSave(cut);
    expect(ok).toBe(true);
    expect(value.tables[0]?.complete).toBe(false);
    expect(diagnostics.some((d) => d.severity === 'warning' && /without COMMIT/.test(d.message))).toBe(true);
  });

  it('reports unknown lines with their numbers (hand-written malformed input)', () => {
    const { diagnostics } = parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\nbogus line\n-A\nCOMMIT\n');
    expect(diagnostics.map((d) => d.line)).toEqual([3, 4]);
  });

  it('never throws on random or mutated input', () => {
    const real = fixture('iptables-save-matches.txt');
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseIptablesSave(text)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(real.length), fc.nat(real.length), fc.string({ maxLength: 20 }), (a, b, insert) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        void parseIptablesSave(real.slice(0, from) + insert + real.slice(to));
      }),
      { numRuns: 300 },
    );
  });
});

describe('iptables -L listings', () => {
  it.each(['iptables_-vnxL-matches.txt', 'iptables_-L_-n_-v_--line-numbers-matches.txt', 'iptables-legacy_-vnxL-matches.txt'])('%s: chains, policies, translated matches', (name) => {
    const { ok, value, diagnostics } = parseIptablesList(fixture(name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.interfacesShown).toBe(true);
    const chains = value.tables[0]?.chains ?? [];
    expect(chains.map((c) => `${c.name}:${c.policy ?? '-'}:${c.rules.length}`)).toEqual(['INPUT:DROP:12', 'FORWARD:DROP:0', 'OUTPUT:ACCEPT:0', 'APP:-:2', 'MGMT:-:2']);
    const input = chains[0]?.rules ?? [];
    expect(input[0]).toMatchObject({ line: 3, target: 'ACCEPT', inInterface: { value: 'lo', negated: false } });
    expect(input[6]?.matches).toEqual([
      { module: 'iprange', options: [{ name: 'src-range', negated: false, values: ['10.77.0.100-10.77.0.199'] }] },
      { module: 'tcp', options: [{ name: 'dport', negated: false, values: ['9000'] }] },
    ]);
    expect(input[7]).toMatchObject({ source: { value: '10.0.0.0/8', negated: true }, targetOptions: [{ name: 'reject-with', values: ['tcp-reset'] }] });
    expect(input[8]?.matches[0]?.options).toEqual([
      { name: 'sport', negated: false, values: ['1024:65535'] },
      { name: 'dport', negated: false, values: ['9200'] },
    ]);
    expect(input[11]?.matches[0]?.options[0]).toEqual({ name: 'dport', negated: true, values: ['3306'] });
    expect(input.every((rule) => rule.unknownMatches === undefined)).toBe(true);
  });

  it('knows that a listing without -v hides interfaces', () => {
    const { value } = parseIptablesList(fixture('iptables_-L_-n-matches.txt'));
    expect(value.interfacesShown).toBe(false);
    expect(value.tables[0]?.chains[0]?.rules[7]?.source).toEqual({ value: '10.0.0.0/8', negated: true });
  });

  it('tells the nat table and IPv6 listings apart', () => {
    expect(parseIptablesList(fixture('iptables_-t_nat_-vnxL.txt')).value.tables[0]?.name).toBe('nat');
    expect(parseIptablesList(fixture('ip6tables_-vnxL-filter.txt')).value.tables[0]?.family).toBe('ipv6');
  });

  it('recognises permission denied and command not found', () => {
    expect(parseIptablesList(fixture('iptables_-vnxL-permission-denied.txt')).value.unavailable?.reason).toBe('permission-denied');
    expect(parseIptablesList(fixture('iptables_-vnxL-command-not-found.txt')).value.unavailable?.reason).toBe('command-not-found');
  });

  it('never throws on random or mutated input', () => {
    const real = fixture('iptables_-vnxL-matches.txt');
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseIptablesList(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.nat(real.length), (cut) => void parseIptablesList(real.slice(0, cut))), { numRuns: 200 });
  });
});

describe('iptables sniffers', () => {
  it('recognise every real dump of their kind and not the other kind', async () => {
    const { iptablesListParser, iptablesSaveParser } = await import('../../../src/parsers/iptables/index.js');
    for (const name of ['iptables-save-matches.txt', 'iptables-save-counters.txt', 'ip6tables-save-filter.txt', 'iptables-save-ufw.txt']) {
      expect(iptablesSaveParser.sniff(fixture(name))).toBe(true);
      expect(iptablesListParser.sniff(fixture(name))).toBe(false);
    }
    for (const name of ['iptables_-vnxL-matches.txt', 'iptables_-L_-n_-v_--line-numbers-matches.txt', 'iptables_-L_-n-matches.txt', 'ip6tables_-vnxL-filter.txt']) {
      expect(iptablesListParser.sniff(fixture(name))).toBe(true);
      expect(iptablesSaveParser.sniff(fixture(name))).toBe(false);
    }
  });
});
