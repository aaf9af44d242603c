// Escaping in the text reports. Input: a HAND-WRITTEN hostile analysis, not lab output: markup, HTML, workflow-command
// separators and control characters in every field a bundle or its config can fill.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/engine/analyze.js';
import type { AnalysisReportContext } from '../../src/report/analysis-format.js';
import { formatAnalysisGithub } from '../../src/report/analysis-github.js';
import { formatAnalysisHtml } from '../../src/report/analysis-html.js';
import { formatAnalysisMarkdown } from '../../src/report/analysis-markdown.js';
import { formatAnalysisSarif } from '../../src/report/analysis-sarif.js';

const CONTEXT: AnalysisReportContext = { tool: { name: 'haproxy-doctor', version: '0.0.0-test' }, rules: [], docsBaseUrl: 'https://example.invalid/docs/rules/' };

const HOSTILE = '<script>alert(1)</script> *em* _u_ [x](javascript:alert(1)) ![i](http://evil.invalid/i.png) ~~s~~ $x$ @team #1 &amp; 100% | cell';
const EVIDENCE_TEXT = '``` `` </code></pre><script>x()</script> \u001b[31mred';

const RESULT: AnalysisResult = {
  input: 'bundles/odd <b>name</b>.tar.gz',
  layout: 'multi-host',
  hosts: [
    { name: 'lb', roles: ['load-balancer'], addresses: [] },
    { name: 'evil<img src=x>', roles: [], addresses: [] },
  ],
  artifacts: [{ host: 'lb', path: 'var/log/haproxy.log', kind: 'haproxy-log', status: 'partial', diagnostics: [{ line: 3, severity: 'warning', message: `unparsed ${HOSTILE}` }] }],
  findings: [
    {
      ruleId: 'server-down',
      cause: 'server-down',
      severity: 'warning',
      title: 'Down, really: <b>title</b>',
      message: `line one\r\n# heading ${HOSTILE}`,
      hosts: ['lb'],
      evidence: [{ host: 'lb', path: 'etc/haproxy/odd,name:x.cfg', line: 7, text: EVIDENCE_TEXT }],
      remediation: ['- not a list: run `rm -i /tmp/x|y` then ` unpaired', '1. not ordered <i>'],
      subject: { backend: 'be|app', server: 's`1' },
      explains: [{ ruleId: 'no-server-available', cause: 'no-server-available', message: HOSTILE }],
      undecided: [`> not a quote ${HOSTILE}`],
    },
  ],
  skipped: [{ ruleId: 'selinux-denied', reason: HOSTILE }],
  bundleDiagnostics: [{ severity: 'warning', message: HOSTILE, archive: 'a.tar', entry: '../x' }],
};

/** Markdown with fenced blocks and code spans taken out (CommonMark's rules for both), leaving what is parsed as markup. */
function markdownProse(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trim();
    if (fence) {
      if (trimmed === fence) fence = undefined;
      continue;
    }
    const open = /^(`{3,})text$/.exec(trimmed);
    if (open) fence = open[1];
    else kept.push(withoutCodeSpans(line));
  }
  return kept.join('\n');
}

function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
    } else if (line[i] === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const close = [...line.slice(i + run.length).matchAll(/`+/g)].find((m) => m[0].length === run.length);
      if (close?.index === undefined) {
        out += run;
        i += run.length;
      } else {
        out += 'CODE';
        i += run.length + close.index + run.length;
      }
    } else {
      out += line[i];
      i += 1;
    }
  }
  return out;
}

describe('escaping hostile text', () => {
  it('markdown: bundle text is escaped prose or inert code, and cannot open blocks', () => {
    const markdown = formatAnalysisMarkdown(RESULT, CONTEXT);
    const prose = markdownProse(markdown);
    // None of these characters is used by the report's own markup outside code, so each must be escaped.
    expect(prose.match(/(?<!\\)[<>[\]~$@&]/g)).toBeNull();
    expect(prose).not.toMatch(/(?<!\\)\*em|(?<!\\)_u(?<!\\)_/);
    // The evidence line: one fenced block whose fence is longer than any backtick run in it, control characters shown.
    expect(markdown).toContain('- `lb:etc/haproxy/odd,name:x.cfg:7`\n  ````text\n  ``` `` </code></pre><script>x()</script> \\x1b[31mred\n  ````\n');
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // The CR LF in the message stays inside the paragraph; list and quote markers at a line's start are escaped.
    expect(markdown).not.toMatch(/^#+ heading/m);
    expect(markdown).toContain('line one \\# heading');
    expect(markdown).toContain('1. \\- not a list: run `rm -i /tmp/x|y` then \\` unpaired');
    expect(markdown).toContain('2. 1\\. not ordered \\<i\\>');
    expect(markdown).toContain('- \\> not a quote');
    // The subject's pipe does not split the summary table's row into more cells.
    const row = markdown.split('\n').find((line) => line.startsWith('| 1 |')) ?? '';
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
    expect(row).toContain('be\\|app/s\\`1');
  });

  it('html: all text is escaped, nothing executes', () => {
    const html = formatAnalysisHtml(RESULT, CONTEXT);
    expect(html).not.toMatch(/<script|<img|<i>|<b>|javascript:alert\(1\)\)"|\u001b/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<pre><code>``` `` &lt;/code&gt;&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt; \\x1b[31mred</code></pre>');
    expect(html).toContain('<title>HAProxy analysis: 1 finding (bundles/odd &lt;b&gt;name&lt;/b&gt;.tar.gz)</title>');
    expect(html).toContain('<code>evil&lt;img src=x&gt;</code>');
    expect(html).toContain('run <code>rm -i /tmp/x|y</code> then ` unpaired');
    expect(html.match(/<pre>/g)).toHaveLength(html.match(/<\/pre>/g)?.length ?? -1);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['#finding-1']);
  });

  it('github: %, CR, LF in the message and , : in properties are encoded', () => {
    expect(formatAnalysisGithub(RESULT)).toBe(
      '::warning file=lb/etc/haproxy/odd%2Cname%3Ax.cfg,line=7,title=Down%2C really%3A <b>title</b> [server-down]::' +
        `line one%0D%0A# heading ${HOSTILE.replace('100%', '100%25')}\n`,
    );
  });

  it('sarif: JSON carries the text as is and the URI is percent-encoded', () => {
    const sarif = JSON.parse(formatAnalysisSarif(RESULT, CONTEXT));
    const [result] = sarif.runs[0].results;
    expect(result.message.text).toBe(RESULT.findings[0]?.message);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('lb/etc/haproxy/odd%2Cname%3Ax.cfg');
    expect(result.locations[0].physicalLocation.region.snippet.text).toBe(EVIDENCE_TEXT);
    // A rule the context does not know still gets a descriptor, so ruleIndex points somewhere real.
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('server-down');
  });
});
