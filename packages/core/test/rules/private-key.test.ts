import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { lintText, type LintMessage } from '@promptlint/core';
import { privateKey } from '../../src/rules/private-key.ts';
import { adversarial, timeRule } from './_secret-fakes.ts';

const rules = [{ rule: privateKey, severity: 2 as const }];
async function lint(text: string, filePath: string): Promise<LintMessage[]> {
  return (await lintText(text, { filePath, rules })).messages;
}
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim();
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const sec1 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString().trim();
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();

describe('private-key', () => {
  it('finds a PEM key in a Markdown code fence, from BEGIN to END', async () => {
    const lines = pkcs1.split('\n');
    const messages = await lint(`# Deploy\n\n\`\`\`\n${pkcs1}\n\`\`\`\n`, 'AGENTS.md');
    assert.equal(messages.length, 1);
    const m = messages[0]!;
    assert.equal(m.ruleId, 'private-key');
    assert.equal(m.category, 'secrets');
    assert.equal(m.securitySeverity, 'critical');
    assert.equal(m.messageId, 'found');
    assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [4, 1, 3 + lines.length, lines[lines.length - 1]!.length + 1]);
    assert.ok(!m.message.includes(lines[1]!));
  });

  it('finds SEC1 keys in a YAML block scalar and PKCS#8 keys in service-account JSON, also escaped inside an env string', async () => {
    const yaml = `ssh:\n  private_key: |\n${sec1.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
    const [y] = await lint(yaml, 'agents/deploy.agent.yaml');
    assert.deepEqual([y!.line, y!.column], [3, 5]);
    const sa = JSON.stringify({ type: 'service_account', project_id: 'p', private_key: `${pkcs8}\n`, client_email: 'a@p.iam.gserviceaccount.com' }, null, 2);
    const [j] = await lint(sa, 'sa.json');
    assert.equal(j!.line, 4);
    assert.match(j!.message, /Google Cloud service account/);
    const mcp = JSON.stringify({ mcpServers: { bq: { command: 'npx', env: { GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify({ type: 'service_account', private_key: pkcs8 }) } } } }, null, 2);
    const [e] = await lint(mcp, '.mcp.json');
    assert.equal(e!.line, 6);
    assert.equal(e!.column, mcp.split('\n')[5]!.indexOf('-----BEGIN') + 1);
  });

  it('ignores public keys, placeholders and truncated blocks', async () => {
    const text = [
      '```', publicPem, '```', '',
      '```', '-----BEGIN PRIVATE KEY-----', '...', '-----END PRIVATE KEY-----', '```', '',
      '```', '-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA' + 'x'.repeat(40), '-----END RSA PRIVATE KEY-----', '```', '',
      'Keys start with -----BEGIN OPENSSH PRIVATE KEY----- and you must never paste one here.',
    ].join('\n');
    assert.deepEqual(await lint(text, 'AGENTS.md'), []);
  });

  it('stays linear on adversarial input (1 MB)', () => {
    for (const text of adversarial(['-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\nAAAA', 'PRIVATE KEY ', '-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(64) + '\n'])) {
      const ms = timeRule(privateKey, text, 'code');
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    }
  });
});
