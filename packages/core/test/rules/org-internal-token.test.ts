import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADVERSARIAL_BUDGET_MS, assertClean, lint, loc, repeatTo } from './_helpers.ts';
import { assertOrgFindings } from './_org-helpers.ts';

const RULE = 'org-internal-token';
const TOKEN = 'acme_live_7Hq2Lm9Xw4Rt8Kp3Zs6Vb1Nc';
const settings = { tokenPatterns: ['acme_(?:live|test)_[A-Za-z0-9]{24}'] };
const at = (text: string, needle: string) => ({ ruleId: RULE, category: 'secrets', messageId: 'token', securitySeverity: 'critical' as const, at: loc(text, needle), notInMessage: [TOKEN, TOKEN.slice(10)] });

describe('org-internal-token', () => {
  it('reports an internal token in a Markdown prompt, masked', async () => {
    const text = `# Deploy helper\n\nCall the API with token ${TOKEN} when asked.\n`;
    const messages = await lint(RULE, text, 'AGENTS.md', { settings });
    assertOrgFindings(messages, [at(text, TOKEN)]);
    assert.match(messages[0]!.message, /\[34 chars, fp [0-9a-f]{8}\]/);
  });

  it('reports tokens in MCP env values and YAML config at the exact position', async () => {
    const json = `{"mcpServers": {"acme": {"command": "acme-mcp", "env": {"ACME_TOKEN": "${TOKEN}"}}}}`;
    assertOrgFindings(await lint(RULE, json, '.vscode/mcp.json', { settings }), [at(json, TOKEN)]);
    const yaml = `providers:\n  - id: openai:gpt-4o\n    config:\n      headers:\n        X-Acme: ${TOKEN}\n`;
    assertOrgFindings(await lint(RULE, yaml, 'promptfooconfig.yaml', { settings }), [at(yaml, TOKEN)]);
  });

  it('never prints the token in any output field', async () => {
    const messages = await lint(RULE, `token: ${TOKEN}\n`, 'notes.txt', { settings });
    assert.equal(messages.length, 1);
    assert.ok(!JSON.stringify(messages).includes(TOKEN.slice(8)));
  });

  it('skips placeholders, references and other formats; silent without settings', async () => {
    const text = 'Set ACME_TOKEN=${ACME_TOKEN}; the format is acme_live_xxxxxxxxxxxxxxxxxxxxxxxx or acme_live_... (24 chars).\nA GitHub token ghp_abc is not ours.\n';
    assertClean(await lint(RULE, text, 'AGENTS.md', { settings }));
    assertClean(await lint(RULE, `token ${TOKEN}\n`, 'AGENTS.md'));
  });

  it('reports an invalid pattern once per file', async () => {
    const messages = await lint(RULE, 'x\n', 'AGENTS.md', { settings: { tokenPatterns: ['acme_[a-z'] } });
    assert.deepEqual(messages.map((m) => [m.ruleId, m.messageId, m.securitySeverity]), [[RULE, 'invalidPattern', 'low']]);
  });

  it('lints 1 MB of near-miss input in linear time', async () => {
    for (const unit of ['acme_live_', 'acme_live_ABCDEFGHIJ', 'a']) {
      const text = repeatTo(unit, 1_000_000);
      const t = performance.now();
      await lint(RULE, text, 'notes.txt', { settings });
      assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${unit}: ${Math.round(performance.now() - t)} ms`);
    }
  });
});
