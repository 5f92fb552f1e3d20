import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { makeTree, removeTree, runCli } from './helpers.ts';
import { alnum, fake } from '../packages/core/test/rules/_secret-fakes.ts';

// Real-shaped FAKE keys of every type the secrets rules know (built at run time).
const keys: Record<string, string> = Object.fromEntries(Object.entries(fake).map(([k, f]) => [k, f()]));
const password = `Pw${alnum(10)}!x`;
const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString().trim();
const pemBody = pem.split('\n')[1]!;

const envNames: Record<string, string> = { cohere: 'COHERE_API_KEY', mistral: 'MISTRAL_API_KEY', deepseek: 'DEEPSEEK_API_KEY', wandb: 'WANDB_API_KEY', azure: 'AZURE_OPENAI_API_KEY', awsSecret: 'AWS_SECRET_ACCESS_KEY' };
const prose = Object.entries(keys).map(([k, v]) => (envNames[k] ? `${envNames[k]}: ${v}` : `Key for ${k}: ${v}`)).join('\n\n');
const mcp = JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['--token', keys.github!, `postgres://app:${password}@db.prod.internal/app`], env: { API_TOKEN: keys.cohere!, DB_PASSWORD: password }, headers: { Authorization: `Bearer ${keys.jwt}` } } } }, null, 2);
const hub = JSON.stringify({ lc: 1, type: 'constructor', id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'], kwargs: { openai_api_key: keys.openaiProject, anthropic_api_key: alnum(40) } }, null, 2);
const yaml = `llm:\n  api_key: ${alnum(36)}\n  password: "${password}"\nssh_key: |\n${pem.split('\n').map((l) => `  ${l}`).join('\n')}\n`;

const tree = makeTree({
  'AGENTS.md': `# Keys\n\n${prose}\n`,
  '.cursor/mcp.json': mcp,
  'hub/chain.hub.json': hub,
  'agents/a.agent.yaml': yaml,
  '.env': `OPENAI_API_KEY=${keys.openaiLegacy}\nDB_PASSWORD=${password}\n`,
  // Settings can only be masked by shape: the context-only formats (a bare 40-char string) are left out.
  'promptlint.config.json': JSON.stringify({ extends: ['promptlint:recommended'], settings: { promptlint: { gatewayHosts: Object.entries(keys).filter(([k]) => !envNames[k]).map(([, v]) => v), trustedHosts: [`https://u:${password}@x.example`] } } }),
});
after(() => removeTree(tree));

const secrets = [...Object.values(keys), password, pemBody];

function assertNoSecret(output: string, what: string): void {
  for (const s of secrets) assert.ok(!output.includes(s), `${what} leaks ${s.slice(0, 6)}… (${s.length} chars)`);
}

describe('no output ever holds a whole secret', () => {
  it('finds every planted secret', async () => {
    const r = await runCli(['-f', 'json', '.', '.env'], tree);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const ids = new Set(results.flatMap((x) => x.messages.map((m) => m.ruleId)));
    for (const id of ['provider-api-key', 'private-key', 'credential-in-url', 'hardcoded-credential', 'langchain-literal-secret', 'mcp-literal-credential']) assert.ok(ids.has(id), id);
    const agents = results.find((x) => x.filePath.endsWith('AGENTS.md'))!;
    assert.ok(agents.messages.length >= Object.keys(keys).length, `${agents.messages.length} findings in AGENTS.md`);
  });

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`${format} output`, async () => {
      const r = await runCli(['-f', format, '.', '.env'], tree);
      assert.equal(r.code, 1);
      assertNoSecret(r.stdout + r.stderr, format);
    });
  }

  it('--fix-dry-run, -o and --print-config', async () => {
    const r = await runCli(['-f', 'json', '--fix-dry-run', '.'], tree);
    assertNoSecret(r.stdout + r.stderr, 'fix-dry-run');
    await runCli(['-f', 'sarif', '-o', 'out/report.sarif', '.'], tree);
    assertNoSecret(readFileSync(join(tree, 'out/report.sarif'), 'utf8'), 'sarif file');
    const p = await runCli(['--print-config', 'AGENTS.md'], tree);
    assert.equal(p.code, 0);
    assertNoSecret(p.stdout + p.stderr, 'print-config');
  });

  it('masks with the baseline salt once there is a baseline', async () => {
    const w = await runCli(['--write-baseline', 'b.json', '.'], tree);
    assert.equal(w.code, 0);
    const baseline = readFileSync(join(tree, 'b.json'), 'utf8');
    assertNoSecret(baseline, 'baseline file');
    const r = await runCli(['-f', 'json', '--baseline', 'b.json', '.env'], tree);
    assertNoSecret(r.stdout + r.stderr, 'baseline run');
  });
});

describe('.env files', () => {
  it('are not walked, but are linted when named', async () => {
    const walked = await runCli(['-f', 'json', '.'], tree);
    assert.ok(!(JSON.parse(walked.stdout) as { filePath: string }[]).some((x) => x.filePath.endsWith('.env')));
    const named = await runCli(['-f', 'json', '.env'], tree);
    const [res] = JSON.parse(named.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    assert.deepEqual(res!.messages.map((m) => [m.ruleId, m.line, m.column]), [['provider-api-key', 1, 16], ['hardcoded-credential', 2, 13]]);
  });
});

