import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNftRuleset } from '../../../src/parsers/nft/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const fixture = (name: string) => readFixture('parsers/nft', name);

describe('nft list ruleset', () => {
  it('reads tables, base chains with hook, priority and policy, sets and rules with lines', () => {
    const { ok, value, diagnostics } = parseNftRuleset(fixture('nft_list_ruleset-native.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['inet filter', 'ip early', 'ip late']);
    const chains = value.tables.flatMap((t) => t.chains.map((c) => `${t.name}/${c.name}:${c.hook ?? '-'}:${c.priority ?? '-'}:${c.policy ?? '-'}`));
    expect(chains).toEqual(['filter/input:input:0:drop', 'filter/app:-:-:-', 'filter/forward:forward:0:drop', 'filter/output:output:0:accept', 'early/pre:input:-10:accept', 'late/post:input:10:accept']);
    expect(value.tables[0]?.sets[0]).toMatchObject({ name: 'admins', type: 'ipv4_addr', elements: [{ kind: 'single', value: '10.77.0.1' }, { kind: 'single', value: '192.168.50.0/24' }] });
    const input = value.tables[0]?.chains[0]?.rules ?? [];
    expect(input[0]).toMatchObject({ line: 10, matches: [{ key: 'ct state', operator: '==', value: { kind: 'set' } }], verdict: { kind: 'accept' }, unknown: [] });
    expect(input[6]).toMatchObject({ line: 16, matches: [{ key: 'tcp dport', value: { kind: 'set', elements: [{ value: '80' }, { value: '443' }] } }] });
    expect(input[7]).toMatchObject({ matches: [{ key: 'tcp dport', value: { kind: 'range', from: '8000', to: '8010' } }], verdict: { kind: 'jump', chain: 'app' } });
    expect(input[8]?.verdict).toEqual({ kind: 'reject', rejectWith: 'tcp reset' });
    expect(input[10]).toMatchObject({ verdict: { kind: 'reject', rejectWith: 'icmp host-prohibited' }, unknown: [] });
    expect(input.every((rule) => rule.unknown.length === 0)).toBe(true);
  });

  it('reads the -a variant (handles) to the same rules', () => {
    const plain = parseNftRuleset(fixture('nft_list_ruleset-native.txt')).value;
    const handles = parseNftRuleset(fixture('nft_-a_list_ruleset-native.txt'));
    expect(handles.diagnostics).toEqual([]);
    const shape = (value: typeof plain) => value.tables.map((t) => t.chains.map((c) => c.rules.map((r) => [r.matches, r.verdict, r.unknown])));
    expect(shape(handles.value)).toEqual(shape(plain));
  });

  it('reads the iptables-nft tables', () => {
    const { value, diagnostics } = parseNftRuleset(fixture('nft_list_ruleset-iptables-nft.txt'));
    expect(diagnostics).toEqual([]);
    expect(value.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip filter', 'ip6 filter']);
    expect(value.tables[0]?.chains.find((c) => c.name === 'MGMT')?.rules[1]).toMatchObject({ verdict: { kind: 'reject', rejectWith: 'icmp host-prohibited' } });
  });

  it('tells an empty ruleset from one that could not be read', () => {
    const empty = parseNftRuleset(fixture('nft_list_ruleset-empty.txt'));
    expect(empty).toMatchObject({ ok: true, value: { tables: [] } });
    expect(empty.value.unavailable).toBeUndefined();
    expect(parseNftRuleset(fixture('nft_list_ruleset-permission-denied.txt')).value.unavailable?.reason).toBe('permission-denied');
    expect(parseNftRuleset(fixture('nft_list_ruleset-command-not-found.txt')).value.unavailable?.reason).toBe('command-not-found');
  });

  it('keeps expressions it does not evaluate and flags a cut dump (hand-written malformed input)', () => {
    const { value, diagnostics } = parseNftRuleset('table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy accept;\n\t\tmeta mark 0x1 tcp dport 80 drop\n');
    expect(value.tables[0]?.chains[0]?.rules[0]).toMatchObject({ line: 4, unknown: ['meta mark 0x1'], matches: [{ key: 'tcp dport' }], verdict: { kind: 'drop' } });
    expect(diagnostics.some((d) => /not closed/.test(d.message))).toBe(true);
  });

  it('never throws on random or mutated input', () => {
    const real = fixture('nft_list_ruleset-native.txt');
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseNftRuleset(text)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(real.length), fc.nat(real.length), fc.constantFrom('{', '}', '"', ' ', '\n', '@', '!='), (a, b, insert) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        void parseNftRuleset(real.slice(0, from) + insert + real.slice(to));
      }),
      { numRuns: 300 },
    );
  });
});

describe('nftRulesetParser sniffer', () => {
  it('recognises the real dumps and not the other firewall dumps', async () => {
    const { nftRulesetParser } = await import('../../../src/parsers/nft/index.js');
    for (const name of ['nft_list_ruleset-native.txt', 'nft_-a_list_ruleset-native.txt', 'nft_list_ruleset-iptables-nft.txt']) expect(nftRulesetParser.sniff(readFixture('parsers/nft', name))).toBe(true);
    for (const other of ['iptables/iptables-save-matches.txt', 'iptables/iptables_-vnxL-matches.txt', 'ufw/ufw_status_verbose-active.txt', 'nft/nft_list_ruleset-native.txt', 'firewalld/firewall-offline-cmd_--list-all-zones.txt', 'sysctl/sysctl_-a.txt', 'ip-route/ip_route.txt'].filter((path) => !path.startsWith('nft/'))) {
      expect(nftRulesetParser.sniff(readFixture('parsers', other))).toBe(false);
    }
  });
});
