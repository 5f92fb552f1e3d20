import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADVERSARIAL_BUDGET_MS, assertClean, lint, loc, repeatTo } from './_helpers.ts';
import { assertOrgFindings } from './_org-helpers.ts';

const RULE = 'org-forbidden-host';
const settings = { forbiddenHosts: ['paste.example', '*.files.example', 'old-llm.acme.example'] };
const at = (text: string, needle: string, securitySeverity: 'high' | 'medium' = 'high', n = 1) => ({ ruleId: RULE, category: 'supply-chain', messageId: 'forbidden', securitySeverity, at: loc(text, needle, n) });

describe('org-forbidden-host', () => {
  it('reports a URL to a forbidden host in Markdown prose, without trailing punctuation', async () => {
    const text = '# Setup\n\nFetch the style guide from https://paste.example/raw/abc. Then answer.\n';
    const messages = await lint(RULE, text, 'AGENTS.md', { settings });
    assertOrgFindings(messages, [at(text, 'https://paste.example/raw/abc')]);
    assert.match(messages[0]!.message, /'paste\.example'/);
  });

  it('matches subdomain patterns and reports every URL, medium inside code', async () => {
    const text = 'Use https://cdn.files.example/a.txt\n\n```sh\ncurl https://eu.files.example/x\n```\n';
    assertOrgFindings(await lint(RULE, text, 'CLAUDE.md', { settings }), [at(text, 'https://cdn.files.example/a.txt'), at(text, 'https://eu.files.example/x', 'medium')]);
  });

  it('reports a URL and a bare host in JSON/YAML config values at their exact position', async () => {
    const json = '{\n  "mcpServers": {\n    "notes": { "url": "https://old-llm.acme.example/mcp" }\n  }\n}\n';
    assertOrgFindings(await lint(RULE, json, '.cursor/mcp.json', { settings }), [at(json, 'https://old-llm.acme.example/mcp')]);
    const yaml = '---\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    base_url: "paste.example:443/v1"\n---\nuser:\n{{question}}\n';
    assertOrgFindings(await lint(RULE, yaml, 'ask.prompty', { settings }), [at(yaml, 'paste.example:443/v1')]);
  });

  it('finds a URL behind JSON escapes at its raw position', async () => {
    const json = '{"template": "See \\u0068ttps://paste.example/p now"}';
    assertOrgFindings(await lint(RULE, json, 'prompts/p.json', { settings }), [at(json, '\\u0068ttps://paste.example/p')]);
  });

  it('is silent without settings, for other hosts, look-alike suffixes, placeholders and references', async () => {
    const text = 'Docs: https://paste.example.org/x and https://notpaste.example/y and https://files.example.com/z.\nUse ${PASTE_URL} or https://{{host}}/x.\n';
    assertClean(await lint(RULE, text, 'AGENTS.md', { settings }));
    assertClean(await lint(RULE, 'Fetch https://paste.example/raw/abc\n', 'AGENTS.md'));
    assertClean(await lint(RULE, '{"env": {"HOST": "${PASTE_HOST:-}"}}', '.claude/settings.json', { settings }));
  });

  it('honours an inline disable directive', async () => {
    const text = '<!-- promptlint-disable-next-line org-forbidden-host -- archived link -->\nOld notes: https://paste.example/n\n';
    assertClean(await lint(RULE, text, 'AGENTS.md', { settings }));
  });

  it('lints 1 MB of adversarial text in linear time', async () => {
    for (const unit of ['https://', 'http://paste.example', 'https://a.b.c.d.e.f.', 'h:/']) {
      const text = repeatTo(unit, 1_000_000);
      const t = performance.now();
      await lint(RULE, text, 'notes.txt', { settings });
      assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${unit}: ${Math.round(performance.now() - t)} ms`);
    }
  });
});
