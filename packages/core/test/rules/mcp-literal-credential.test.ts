import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type LintMessage } from '@promptlint/core';
import { mcpLiteralCredential } from '../../src/rules/mcp-literal-credential.ts';
import { alnum, fake } from './_secret-fakes.ts';

const rules = [{ rule: mcpLiteralCredential, severity: 2 as const }];
async function lint(text: string, filePath = '.mcp.json'): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const col = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  return i - text.lastIndexOf('\n', i - 1);
};

describe('mcp-literal-credential', () => {
  it('reports literal env values, headers and flag arguments', async () => {
    const gh = fake.github();
    const token = alnum(32);
    const pw = alnum(12);
    const text = JSON.stringify({
      mcpServers: {
        github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: gh } },
        remote: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${token}` } },
        db: { command: 'uvx', args: ['mcp-db', '--password', pw, `--api-key=${token}`] },
      },
    }, null, 2);
    const messages = await lint(text);
    assert.equal(messages.length, 4);
    const [a, b, c, d] = messages as [LintMessage, LintMessage, LintMessage, LintMessage];
    assert.equal(a.ruleId, 'mcp-literal-credential');
    assert.equal(a.category, 'secrets');
    assert.equal(a.messageId, 'literal');
    assert.equal(a.securitySeverity, 'critical', 'a typed token');
    assert.deepEqual([a.line, a.column, a.endColumn], [lineOf(text, gh), col(text, gh), col(text, gh) + gh.length]);
    assert.equal(a.suggestions?.[0]?.fix.text, '${GITHUB_PERSONAL_ACCESS_TOKEN}');
    assert.equal(b.securitySeverity, 'high');
    assert.deepEqual([b.line, b.column], [lineOf(text, `Bearer ${token}`), col(text, `Bearer ${token}`) + 7]);
    assert.equal(b.suggestions?.[0]?.fix.text, '${REMOTE_TOKEN}');
    assert.equal(c.line, lineOf(text, `"${pw}"`));
    assert.equal(d.line, lineOf(text, `--api-key=${token}`));
    assert.equal(d.column, col(text, `--api-key=${token}`) + '--api-key='.length);
    for (const m of messages) assert.ok(!m.message.includes(gh) && !m.message.includes(token) && !m.message.includes(pw));
  });

  it('uses ${env:X} in VS Code configs', async () => {
    const text = JSON.stringify({ servers: { s: { command: 'x', env: { API_KEY: alnum(32) } } } }, null, 2);
    const [m] = await lint(text, '.vscode/mcp.json');
    assert.equal(m!.suggestions?.[0]?.fix.text, '${env:API_KEY}');
  });

  it('accepts references, inputs, placeholders and non-credential values', async () => {
    const text = JSON.stringify({
      inputs: [{ type: 'promptString', id: 'token', password: true }],
      mcpServers: {
        a: { command: 'docker', args: ['run', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server', '--port', '8080'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${input:token}', OPENAI_API_KEY: '${env:OPENAI_API_KEY}', DB_PASSWORD: '${DB_PASSWORD}', LOG_LEVEL: 'debug', NODE_OPTIONS: '--max-old-space-size=4096' } },
        b: { url: 'https://x.example.com/mcp', headers: { Authorization: 'Bearer ${input:token}', 'X-Request-Id': '3f2b8c1e-9d4a-4b7e-8f1a-2c3d4e5f6a7b' } },
        c: { command: 'npx', args: ['--token', '<YOUR_TOKEN>', '--key', 'sk-...'], env: { SLACK_BOT_TOKEN: 'xoxb-your-bot-token', MODEL: 'claude-sonnet-4-20250514' } },
      },
    }, null, 2);
    assert.deepEqual(await lint(text), []);
  });
});

describe('mcp-literal-credential: header pairs in bridge args', () => {
  it('reports the value after `--headers x-api-key` (mcp-proxy) at its position, and not a reference', async () => {
    const key = `sk-${alnum(43)}`;
    const text = JSON.stringify({ mcpServers: { lf: { command: 'uvx', args: ['mcp-proxy', '--headers', 'x-api-key', key, 'http://localhost:7860/sse'] } } }, null, 2);
    const r = await lintText(text, { filePath: '.mcp.json', rules: [{ rule: mcpLiteralCredential, severity: 2 }] });
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.ruleId, 'mcp-literal-credential');
    assert.equal(text.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn! - 1), key);
    assert.ok(!m.message.includes(key));
    const ref = JSON.stringify({ mcpServers: { lf: { command: 'uvx', args: ['mcp-proxy', '--headers', 'x-api-key', '${LANGFLOW_API_KEY}'] } } });
    assert.equal((await lintText(ref, { filePath: '.mcp.json', rules: [{ rule: mcpLiteralCredential, severity: 2 }] })).messages.length, 0);
  });
});
