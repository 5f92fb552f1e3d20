import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hubReferencesOf, inventoryFiles, inventoryOfDocument, parseDocument } from '@promptlint/core';
import { tempTree } from './_temp-tree.ts';

const tree = (files: Record<string, string | Buffer>) => tempTree(files, 'promptlint-inventory-');

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

const FAKE_KEY = `sk-proj-${'Ab3dE'.repeat(8)}Qz`;
const FAKE_TOKEN = 'acme_live_Q7mX2kP9wL4tR8vZ3nB6cJ1h';

describe('inventoryFiles on the examples/ tree', async () => {
  const { inventory } = await inventoryFiles(['.'], { cwd: examples });

  it('lists a model with its provider, endpoint host, trust and evidence line', () => {
    const m = inventory.models.find((x) => x.location.file === 'hub/research-agent.hub.json');
    assert.ok(m);
    assert.equal(m.model, 'gpt-4o');
    assert.equal(m.provider, 'ChatOpenAI');
    assert.equal(m.host, 'api.openai-proxy.net');
    assert.equal(m.trust, 'untrusted');
    assert.equal(m.location.line, 46);
    assert.deepEqual(m.dependsOn, ['service:hub/research-agent.hub.json#53:31']);
  });

  it('lists endpoints and remote MCP servers as services with their trust', () => {
    const endpoint = inventory.services.find((s) => s.ref === 'service:hub/research-agent.hub.json#53:31');
    assert.equal(endpoint?.role, 'model-endpoint');
    assert.equal(endpoint?.url, 'https://api.openai-proxy.net/v1');
    assert.equal(endpoint?.trust, 'untrusted');
    const local = inventory.services.find((s) => s.host === 'localhost');
    assert.equal(local?.trust, 'local');
    const azure = inventory.services.find((s) => s.host === 'acme-eastus.openai.azure.com');
    assert.equal(azure?.trust, 'trusted');
    const gateway = inventory.services.find((s) => s.location.file === 'promptfooconfig.yaml');
    assert.equal(gateway?.trust, 'gateway');
    const server = inventory.services.find((s) => s.role === 'mcp-server' && s.name === 'team-notes');
    assert.equal(server?.url, 'http://203.0.113.47:8080/sse');
    assert.equal(server?.trust, 'untrusted');
    assert.deepEqual(server?.location, { file: '.cursor/mcp.json', line: 8, column: 19 });
  });

  it('lists MCP launchers as packages, pinned or not', () => {
    const pinned = inventory.packages.find((p) => p.server === 'github');
    assert.deepEqual(
      { ...pinned, location: undefined },
      { ref: 'package:.cursor/mcp.json#3:15', server: 'github', launcher: 'npx', ecosystem: 'npm', name: '@modelcontextprotocol/server-github', version: '2025.4.8', pin: 'exact', pinned: true, location: undefined },
    );
    const moving = inventory.packages.find((p) => p.server === 'browser');
    assert.equal(moving?.version, 'latest');
    assert.equal(moving?.pin, 'tag');
    assert.equal(moving?.pinned, false);
    const cmd = inventory.commands.find((c) => c.server === 'tickets');
    assert.equal(cmd?.command, 'acme-tickets-mcp');
  });

  it('hashes every file and reads the identity of hub manifests', () => {
    const hub = inventory.files.find((f) => f.path === 'hub/translator.hub.json');
    assert.equal(hub?.role, 'hub-manifest');
    assert.equal(hub?.sha256, createHash('sha256').update(readFileSync(join(examples, 'hub/translator.hub.json'))).digest('hex'));
    assert.deepEqual(hub?.hub, { owner: 'acme', repo: 'translator', commit: '3f2b1c0d' });
    assert.equal(inventory.files.find((f) => f.path === 'AGENTS.md')?.role, 'instructions');
    assert.equal(inventory.files.find((f) => f.path === 'prompts/chat.prompty')?.role, 'prompt');
    assert.equal(inventory.files.find((f) => f.path === '.cursor/mcp.json')?.role, 'mcp-config');
    assert.deepEqual(inventory.files.find((f) => f.path === 'mcp/weather-tools-list.json')?.tools, ['get_alerts', 'get_forecast']);
  });

  it('links findings to the component they concern, and to the file', () => {
    const f = inventory.findings.find((x) => x.ruleId === 'untrusted-model-endpoint' && x.location.file === 'hub/research-agent.hub.json');
    assert.ok(f);
    assert.deepEqual(f.affects, ['service:hub/research-agent.hub.json#53:31', 'file:hub/research-agent.hub.json']);
    assert.equal(f.category, 'exfiltration');
    assert.equal(f.severity, 'error');
    const unpinned = inventory.findings.find((x) => x.ruleId === 'unpinned-mcp-server');
    assert.deepEqual(unpinned?.affects, ['package:.mcp.json#3:16', 'file:.mcp.json']);
    const beacon = inventory.findings.find((x) => x.ruleId === 'markdown-exfil-beacon');
    assert.deepEqual(beacon?.affects, ['file:prompts/support-agent.md']);
  });

  it('never holds a whole secret', () => {
    const out = JSON.stringify(inventory);
    assert.ok(!out.includes(FAKE_TOKEN), 'the literal MCP token of examples/org-repo-b');
    assert.ok(!/sk-proj-[A-Za-z0-9_-]{20}/.test(out), 'the OpenAI key of examples/prompts/onboarding.md');
  });

  it('is deterministic', async () => {
    const again = await inventoryFiles(['.'], { cwd: examples });
    assert.equal(JSON.stringify(again.inventory), JSON.stringify(inventory));
  });
});

describe('inventoryFiles on small trees', () => {
  it('docker images, pypi packages and digests; URLs lose credentials and queries', async () => {
    const digest = `sha256:${'a1'.repeat(32)}`;
    const root = tree({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          gh: { command: 'docker', args: ['run', '-i', '--rm', `ghcr.io/github/github-mcp-server@${digest}`] },
          fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.1.17'] },
          time: { command: 'uvx', args: ['mcp-server-time'] },
          remote: { url: `https://user:${FAKE_TOKEN}@mcp.example.com/sse?token=${FAKE_TOKEN}#x` },
        },
      }, null, 2),
    });
    const { inventory } = await inventoryFiles(['.'], { cwd: root, useConfigFile: false });
    const gh = inventory.packages.find((p) => p.server === 'gh');
    assert.deepEqual([gh?.ecosystem, gh?.name, gh?.version, gh?.pinned], ['docker', 'ghcr.io/github/github-mcp-server', digest, true]);
    const fetch = inventory.packages.find((p) => p.server === 'fetch');
    assert.deepEqual([fetch?.ecosystem, fetch?.name, fetch?.version, fetch?.pin], ['pypi', 'mcp-server-fetch', '2025.1.17', 'exact']);
    assert.equal(inventory.packages.find((p) => p.server === 'time')?.pin, 'none');
    const remote = inventory.services.find((s) => s.name === 'remote');
    assert.equal(remote?.url, 'https://mcp.example.com/sse');
    assert.equal(remote?.credentialsRemoved, true);
    assert.ok(!JSON.stringify(inventory).includes(FAKE_TOKEN));
  });

  it('settings decide trust: trustedHosts and mcpAllowedHosts', async () => {
    const root = tree({
      'promptlint.config.json': JSON.stringify({ extends: ['promptlint:recommended'], settings: { promptlint: { trustedHosts: ['llm.corp.example'], mcpAllowedHosts: ['mcp.corp.example'] } } }),
      'OAI_CONFIG_LIST': JSON.stringify([{ model: 'm', base_url: 'https://llm.corp.example/v1' }]),
      '.mcp.json': JSON.stringify({ mcpServers: { a: { url: 'https://mcp.corp.example/mcp' }, b: { url: 'https://other.example/mcp' } } }),
    });
    const { inventory } = await inventoryFiles(['.'], { cwd: root });
    assert.equal(inventory.models[0]?.trust, 'trusted');
    assert.equal(inventory.services.find((s) => s.name === 'a')?.trust, 'trusted');
    assert.equal(inventory.services.find((s) => s.name === 'b')?.trust, 'untrusted');
    assert.ok(inventory.findings.some((f) => f.ruleId === 'insecure-mcp-server-url' && f.affects[0] === inventory.services.find((s) => s.name === 'b')?.ref));
  });

  it('hashes the bytes as read (a BOM included) and skips binary files', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Rules\n\nBe brief.\n')]);
    const root = tree({ 'AGENTS.md': bom, 'prompts/blob.txt': Buffer.from([0, 1, 2, 3, 0, 0]) });
    const { inventory } = await inventoryFiles(['.'], { cwd: root, useConfigFile: false });
    assert.equal(inventory.files.length, 1);
    assert.equal(inventory.files[0]!.sha256, createHash('sha256').update(bom).digest('hex'));
    assert.equal(inventory.files[0]!.bytes, bom.length);
    assert.deepEqual(inventory.skipped, [{ filePath: 'prompts/blob.txt', reason: 'binary file' }]);
  });
});

describe('inventoryFiles under the lint limits', () => {
  it('a deeply nested config and a file with a huge line are hashed and listed without structure', async () => {
    const deep = `{"mcpServers": {"a": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const long = `{"mcpServers": {"s": {"url": "https://mcp.vendor.example/${'a'.repeat(2000)}"}}}\n`;
    const root = tree({ '.mcp.json': deep, 'x/.mcp.json': long, 'promptlint.config.json': JSON.stringify({ extends: ['promptlint:recommended'], limits: { maxLineLength: 1000 } }) });
    const { inventory } = await inventoryFiles(['.'], { cwd: root });
    assert.deepEqual(inventory.files.map((f) => f.path), ['.mcp.json', 'x/.mcp.json']);
    assert.deepEqual(inventory.services, []);
    assert.equal(inventory.files[1]!.sha256, createHash('sha256').update(long).digest('hex'));
  });

  it('a proxy in an MCP server env is a server-proxy service of the file', async () => {
    const root = tree({ '.mcp.json': JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', 'gh-mcp@1.0.0'], env: { HTTPS_PROXY: 'http://proxy.vendor.example:3128' } } } }, null, 2) });
    const { inventory } = await inventoryFiles(['.'], { cwd: root, useConfigFile: false });
    const proxy = inventory.services.find((s) => s.role === 'server-proxy');
    assert.equal(proxy?.host, 'proxy.vendor.example');
    assert.equal(proxy?.key, 'HTTPS_PROXY');
    assert.equal(proxy?.trust, 'untrusted');
    assert.deepEqual(inventory.files[0]!.dependsOn, [proxy!.ref, inventory.packages[0]!.ref]);
  });
});

describe('hub references', () => {
  const doc = (path: string, text: string) => parseDocument({ path, text }, path.endsWith('.md') ? 'markdown' : path.endsWith('.json') ? 'json' : 'yaml');

  it('hub.pull calls in Markdown code blocks, pinned and unpinned', () => {
    const text = '# Setup\n\n```python\nprompt = hub.pull("acme/support-bot:1a2b3c4d")\nother = hub.pull(\'acme/triage\')\n```\n';
    const inv = inventoryOfDocument(doc('README.md', text), { path: 'README.md' });
    assert.deepEqual(
      inv.hubReferences.map((h) => [h.owner, h.repo, h.commit, h.pinned, h.location.line, h.location.column]),
      [['acme', 'support-bot', '1a2b3c4d', true, 4, 20], ['acme', 'triage', undefined, false, 5, 19]],
    );
    assert.deepEqual(inv.file.dependsOn, inv.hubReferences.map((h) => h.ref));
  });

  it('config values under hub keys and langchain-hub:// URIs, tags kept apart from commits', () => {
    const text = 'agent:\n  hub_prompt: acme/researcher:prod\n  system_prompt: langchain-hub://acme/base\n  prompt_file: prompts/local.md\n';
    const refs = hubReferencesOf(doc('agent.yaml', text));
    assert.deepEqual(refs.map((r) => [r.owner, r.repo, r.commit, r.tag]), [['acme', 'researcher', undefined, 'prod'], ['acme', 'base', undefined, undefined]]);
    assert.equal(text.slice(refs[0]!.start, refs[0]!.end), 'acme/researcher:prod');
  });

  it('a finding on a hub reference is linked to it', async () => {
    const text = 'agent:\n  hub_prompt: acme/researcher\n';
    const { lintText } = await import('@promptlint/core');
    const r = await lintText(text, { filePath: 'agents/a.agent.yaml' });
    const inv = inventoryOfDocument(doc('agents/a.agent.yaml', text), { path: 'agents/a.agent.yaml', messages: r.messages });
    const f = inv.findings.find((x) => x.ruleId === 'unpinned-remote-prompt');
    assert.deepEqual(f?.affects, ['hub:agents/a.agent.yaml#2:15', 'file:agents/a.agent.yaml']);
  });

  it('file paths and prose that mention pull are not hub references', () => {
    const text = 'Pull the latest changes, then run hub.pull on the prompt named in prompts/x.md.\n\nSee `pull(request)` and templates/a/b.\n';
    assert.deepEqual(hubReferencesOf(doc('AGENTS.md', text)), []);
  });

  it('is linear on adversarial input (1 MB)', () => {
    const payloads = ['hub.pull("' + 'a'.repeat(60) + '/'.repeat(1), 'langchain-hub://' + 'a-'.repeat(40), 'pull_prompt(' + ' '.repeat(19)];
    for (const p of payloads) {
      const text = p.repeat(Math.ceil(1_000_000 / p.length));
      const t0 = performance.now();
      hubReferencesOf(doc('a.md', text));
      const ms = performance.now() - t0;
      assert.ok(ms < 1000, `${p.slice(0, 12)}: ${ms.toFixed(0)} ms`);
    }
  });
});

describe('service URLs', () => {
  it('mask long random path segments (webhook tokens) and keep ordinary paths', () => {
    const token = 'T0aB1cD2eF3gH4iJ5kL6mN7oP8';
    const text = JSON.stringify({ mcpServers: { hook: { url: `https://hooks.vendor.example/services/${token}/in` }, plain: { url: 'https://mcp.vendor.example/v1/server-events/stream' } } }, null, 2);
    const inv = inventoryOfDocument(parseDocument({ path: '.mcp.json', text }, 'json'), { path: '.mcp.json' });
    const hook = inv.services.find((s) => s.name === 'hook')!;
    assert.ok(!hook.url.includes(token), hook.url);
    assert.match(hook.url, /^https:\/\/hooks\.vendor\.example\/services\/…\[26 chars, fp [0-9a-f]{8}\]\/in$/);
    assert.equal(inv.services.find((s) => s.name === 'plain')?.url, 'https://mcp.vendor.example/v1/server-events/stream');
  });
});
