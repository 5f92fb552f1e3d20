import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type LintMessage } from '@promptlint/core';
import { credentialInUrl } from '../../src/rules/credential-in-url.ts';
import { adversarial, alnum, timeRule } from './_secret-fakes.ts';

const rules = [{ rule: credentialInUrl, severity: 2 as const }];
async function lint(text: string, filePath: string): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}

describe('credential-in-url', () => {
  it('finds the password of a connection string and points at it', async () => {
    const pw = `${alnum(18)}!`;
    const line = `    DATABASE_URL: postgres://app:${pw}@orders-db.internal:5432/orders`;
    const [m] = await lint(`agent:\n  env:\n${line}\n`, 'agents/a.agent.yaml');
    assert.equal(m!.ruleId, 'credential-in-url');
    assert.equal(m!.category, 'secrets');
    assert.equal(m!.messageId, 'found');
    assert.equal(m!.securitySeverity, 'high');
    assert.deepEqual([m!.line, m!.column, m!.endColumn], [3, line.indexOf(pw) + 1, line.indexOf(pw) + 1 + pw.length]);
    assert.ok(!m!.message.includes(pw));
    assert.match(m!.message, /postgres:\/\/ URL to 'orders-db\.internal'/);
  });

  it('covers mongodb+srv, redis, amqps and MCP args; local hosts are medium', async () => {
    const pw = alnum(20);
    const json = JSON.stringify({ mcpServers: { db: { command: 'uvx', args: ['mcp-db', `mongodb+srv://svc:${pw}@cluster0.ab1cd.mongodb.net/app`] } } }, null, 2);
    const [m] = await lint(json, '.mcp.json');
    assert.equal(m!.line, 7);
    const prose = `Cache: redis://admin:${pw}@localhost:6379/0 and queue amqps://bot:${pw}@mq.corp.net/vh`;
    const ms = await lint(prose, 'notes.md');
    assert.deepEqual(ms.map((x) => x.securitySeverity), ['medium', 'high']);
  });

  it('ignores references, placeholders and documentation patterns', async () => {
    const text = [
      'postgres://app:${DB_PASSWORD}@db:5432/app', 'mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/db',
      'postgres://user:password@localhost:5432/app', 'postgres://USER:PASSWORD@HOST:PORT/DB', 'mysql://root:{{ db_password }}@db/app',
      'redis://default:$REDIS_PASSWORD@cache:6379', 'https://user:he%2F%2Fo@pypi.company.com/simple', 'https://example.com/a:b@c',
    ].join('\n\n');
    assert.deepEqual(await lint(text, 'notes.md'), []);
  });

  it('stays linear on adversarial input (1 MB)', () => {
    for (const text of adversarial(['a://b:c', 'postgres://' + 'u'.repeat(99) + ':', 'x://y:' + 'p'.repeat(199), ':@://'])) {
      const ms = timeRule(credentialInUrl, text);
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    }
  });
});
