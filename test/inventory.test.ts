import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { HELP } from 'promptlint';
import { makeTree, removeTree, runCli } from './helpers.ts';
import { alnum, fake } from '../packages/core/test/rules/_secret-fakes.ts';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const schema = JSON.parse(readFileSync(new URL('../docs/schema/inventory-v1.schema.json', import.meta.url), 'utf8'));
const validateJson = new Ajv({ allErrors: true, strict: false }).compile(schema);
// The library's own validator against the CycloneDX 1.6 JSON schema (strict: no unknown properties). It is a dev
// dependency of packages/cli, resolved from there; it needs ajv, ajv-formats and ajv-formats-draft2019 (root).
const { Spec, Validation } = createRequire(new URL('../packages/cli/package.json', import.meta.url))('@cyclonedx/cyclonedx-library') as {
  Spec: { Version: { v1dot6: string } };
  Validation: { JsonStrictValidator: new (version: string) => { validate(data: string): Promise<unknown> } };
};
const cdxValidator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

interface Prop { name: string; value: string }
interface Cdx {
  specVersion: string;
  serialNumber?: string;
  metadata: { timestamp?: string; component: { 'bom-ref': string } };
  components: { type: string; name: string; version?: string; purl?: string; 'bom-ref': string; hashes?: { alg: string; content: string }[]; properties?: Prop[] }[];
  services: { name: string; 'bom-ref': string; properties?: Prop[] }[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  vulnerabilities: { 'bom-ref': string; id: string; description: string; ratings?: { severity: string }[]; affects: { ref: string }[]; source: { url: string } }[];
}

const prop = (x: { properties?: Prop[] }, name: string): string | undefined => x.properties?.find((p) => p.name === `promptlint:${name}`)?.value;

describe('promptlint inventory on examples/ (CycloneDX 1.6)', async () => {
  const run = await runCli(['inventory'], examples);
  const bom = JSON.parse(run.stdout) as Cdx;

  it('exits 0 and is valid against the CycloneDX 1.6 JSON schema', async () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(bom.specVersion, '1.6');
    assert.equal(await cdxValidator.validate(run.stdout), null);
  });

  it('has a model component with provider, host and evidence line', () => {
    const model = bom.components.find((c) => c['bom-ref'] === 'model:hub/research-agent.hub.json#46:15');
    assert.ok(model);
    assert.equal(model.type, 'machine-learning-model');
    assert.equal(model.name, 'gpt-4o');
    assert.equal(prop(model, 'provider'), 'ChatOpenAI');
    assert.equal(prop(model, 'endpoint-host'), 'api.openai-proxy.net');
    assert.equal(prop(model, 'trust'), 'untrusted');
    assert.equal(prop(model, 'evidence'), 'hub/research-agent.hub.json:46:15');
  });

  it('has untrusted services, and a dependency path file → model → service', () => {
    const svc = bom.services.find((s) => s['bom-ref'] === 'service:hub/research-agent.hub.json#53:31');
    assert.ok(svc);
    assert.equal(prop(svc, 'trust'), 'untrusted');
    assert.equal(prop(svc, 'url'), 'https://api.openai-proxy.net/v1');
    const mcp = bom.services.find((s) => s.name === 'team-notes');
    assert.equal(prop(mcp!, 'role'), 'mcp-server');
    assert.equal(prop(mcp!, 'trust'), 'untrusted');
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    assert.ok(deps.get('root')?.includes('file:hub/research-agent.hub.json'));
    assert.deepEqual(deps.get('file:hub/research-agent.hub.json'), ['model:hub/research-agent.hub.json#46:15']);
    assert.deepEqual(deps.get('model:hub/research-agent.hub.json#46:15'), ['service:hub/research-agent.hub.json#53:31']);
    assert.ok(deps.get('file:.cursor/mcp.json')?.includes(mcp!['bom-ref']));
  });

  it('has MCP launchers with package URLs, pinned and unpinned', () => {
    const pinned = bom.components.find((c) => prop(c, 'mcp-server') === 'github');
    assert.equal(pinned?.purl, 'pkg:npm/%40modelcontextprotocol/server-github@2025.4.8');
    assert.equal(pinned?.version, '2025.4.8');
    assert.equal(prop(pinned!, 'pinned'), 'true');
    const unpinned = bom.components.find((c) => prop(c, 'mcp-server') === 'browser');
    assert.equal(unpinned?.purl, 'pkg:npm/%40playwright/mcp');
    assert.equal(unpinned?.version, undefined);
    assert.equal(prop(unpinned!, 'pinned'), 'false');
    assert.equal(prop(unpinned!, 'pin'), 'tag');
    assert.equal(prop(unpinned!, 'version-spec'), 'latest');
  });

  it('has hub manifests and prompts as data components with a SHA-256 hash', () => {
    const hub = bom.components.find((c) => c['bom-ref'] === 'file:hub/translator.hub.json');
    assert.equal(hub?.type, 'data');
    assert.deepEqual(hub?.hashes, [{ alg: 'SHA-256', content: createHash('sha256').update(readFileSync(join(examples, 'hub/translator.hub.json'))).digest('hex') }]);
    assert.equal(prop(hub!, 'role'), 'hub-manifest');
    assert.equal(prop(hub!, 'hub-owner'), 'acme');
    assert.equal(prop(hub!, 'hub-repo'), 'translator');
    assert.equal(prop(hub!, 'hub-commit'), '3f2b1c0d');
    assert.equal(bom.components.find((c) => c.name === 'AGENTS.md')?.type, 'data');
    assert.equal(bom.components.find((c) => c.name === '.mcp.json')?.type, 'file');
  });

  it('links findings to the components they concern (vulnerabilities.affects)', () => {
    const v = bom.vulnerabilities.find((x) => x['bom-ref'] === 'finding:hub/research-agent.hub.json#53:39:untrusted-model-endpoint');
    assert.ok(v);
    assert.equal(v.id, 'untrusted-model-endpoint');
    assert.deepEqual(v.affects.map((a) => a.ref), ['file:hub/research-agent.hub.json', 'service:hub/research-agent.hub.json#53:31']);
    assert.match(v.source.url, /docs\/rules\/untrusted-model-endpoint\.md$/);
    const unpinned = bom.vulnerabilities.find((x) => x.id === 'unpinned-mcp-server');
    assert.ok(unpinned?.affects.some((a) => a.ref === 'package:.mcp.json#3:16'));
    // Every affects ref names a component or service of the BOM.
    const refs = new Set([...bom.components.map((c) => c['bom-ref']), ...bom.services.map((s) => s['bom-ref'])]);
    for (const x of bom.vulnerabilities) for (const a of x.affects) assert.ok(refs.has(a.ref), a.ref);
  });

  it('holds no whole secret from examples/', () => {
    assert.ok(!run.stdout.includes('acme_live_Q7mX2kP9wL4tR8vZ3nB6cJ1h'));
    assert.ok(!/sk-proj-[A-Za-z0-9_-]{20}/.test(run.stdout));
  });

  it('is reproducible: two runs are byte-identical, with no timestamp or serial number unless asked', async () => {
    const again = await runCli(['inventory'], examples);
    assert.equal(again.stdout, run.stdout);
    assert.equal(bom.metadata.timestamp, undefined);
    assert.equal(bom.serialNumber, undefined);
    const a = await runCli(['inventory', '--serial-number'], examples);
    const b = await runCli(['inventory', '--serial-number'], examples);
    assert.equal(a.stdout, b.stdout);
    assert.match((JSON.parse(a.stdout) as Cdx).serialNumber ?? '', /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(await cdxValidator.validate(a.stdout), null);
    const t = await runCli(['inventory', '--timestamp'], examples);
    assert.ok(!Number.isNaN(Date.parse((JSON.parse(t.stdout) as Cdx).metadata.timestamp ?? '')));
  });
});

describe('promptlint inventory --format json and stylish', async () => {
  const json = await runCli(['inventory', '--format', 'json'], examples);
  const table = await runCli(['inventory', '-f', 'stylish'], examples);

  it('json validates against docs/schema/inventory-v1.schema.json', async () => {
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { packages: { server: string; purl?: string }[] };
    assert.ok(validateJson(doc), JSON.stringify(validateJson.errors));
    assert.equal(doc.packages.find((p) => p.server === 'filesystem')?.purl, 'pkg:npm/%40modelcontextprotocol/server-filesystem@2025.7.1');
    assert.equal((await runCli(['inventory', '--format', 'json'], examples)).stdout, json.stdout);
  });

  it('stylish prints a table per kind of component and the files that reach untrusted hosts', () => {
    assert.equal(table.code, 0, table.stderr);
    const out = table.stdout;
    assert.match(out, /^Models \(10\)$/m);
    assert.match(out, /^ {2}hub\/research-agent\.hub\.json:46 +ChatOpenAI +gpt-4o +api\.openai-proxy\.net +untrusted +1$/m);
    assert.match(out, /^ {2}\.cursor\/mcp\.json:8 +mcp-server +team-notes +http:\/\/203\.0\.113\.47:8080\/sse +untrusted +1$/m);
    assert.match(out, /^ {2}\.mcp\.json:3 +browser +pkg:npm\/%40playwright\/mcp +no \(tag latest\) +3$/m);
    assert.match(out, /^ {2}hub\/translator\.hub\.json +hub-manifest acme\/translator:3f2b1c0d +[0-9a-f]{16} +0$/m);
    assert.match(out, /^Files that reach untrusted hosts \(\d+\)$/m);
    assert.match(out, /^ {2}hub\/research-agent\.hub\.json → api\.openai-proxy\.net$/m);
  });

  it('usage errors exit 2; --help and the main help name the command', async () => {
    const bad = await runCli(['inventory', '-f', 'sarif'], examples);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown inventory format "sarif"/);
    assert.equal((await runCli(['inventory', '--bogus'], examples)).code, 2);
    assert.equal((await runCli(['inventory', 'no-such-dir/**/*.md'], examples)).code, 2);
    const help = await runCli(['inventory', '--help'], examples);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /CycloneDX 1\.6/);
    assert.match(HELP, /^ {2}inventory \[paths\]/m);
  });
});

describe('promptlint inventory never prints a whole secret', () => {
  const keys = Object.values(fake).map((f) => f());
  const password = `Pw${alnum(10)}!x`;
  const tree = makeTree({
    '.cursor/mcp.json': JSON.stringify({
      mcpServers: {
        remote: { url: `https://svc:${password}@mcp.vendor.example/sse?api_key=${keys[0]}`, headers: { Authorization: `Bearer ${keys[1]}` } },
        local: { command: 'npx', args: ['-y', 'some-mcp@1.0.0', '--token', keys[2]!], env: { API_TOKEN: keys[3]! } },
        odd: { command: keys[4]! },
      },
    }, null, 2),
    'OAI_CONFIG_LIST': JSON.stringify([{ model: 'gpt-4o', api_key: keys[5], base_url: `https://user:${password}@llm.vendor.example/v1?key=${keys[6]}` }], null, 2),
    'AGENTS.md': `# Keys\n\n${keys.map((k, i) => `Key ${i}: ${k}`).join('\n\n')}\n`,
  });
  after(() => removeTree(tree));

  for (const format of ['cyclonedx', 'json', 'stylish']) {
    it(`${format} output`, async () => {
      const r = await runCli(['inventory', '-f', format], tree);
      assert.equal(r.code, 0, r.stderr);
      for (const s of [...keys, password]) assert.ok(!(r.stdout + r.stderr).includes(s), `${format} leaks ${s.slice(0, 6)}… (${s.length} chars)`);
    });
  }

  it('URLs keep scheme, host and path only', async () => {
    const doc = JSON.parse((await runCli(['inventory', '-f', 'json'], tree)).stdout);
    const remote = doc.services.find((s: { name: string }) => s.name === 'remote');
    assert.equal(remote.url, 'https://mcp.vendor.example/sse');
    assert.equal(remote.credentialsRemoved, true);
  });
});

describe('promptlint inventory: package URLs for Docker, PyPI and npm launchers', () => {
  const digest = `sha256:${'0f'.repeat(32)}`;
  const tree = makeTree({
    '.vscode/mcp.json': JSON.stringify({
      servers: {
        gh: { command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', `ghcr.io/github/github-mcp-server@${digest}`] },
        fetch: { command: 'uvx', args: ['Mcp_Server.Fetch==2025.1.17'] },
        time: { command: 'uvx', args: ['mcp-server-time'] },
        hub: { command: 'docker', args: ['run', '-i', 'mcp/fetch:latest'] },
        range: { command: 'npx', args: ['-y', '@acme/mcp-tickets@^1.2.0'] },
        templated: { command: 'npx', args: ['-y', 'acme-mcp@${VERSION}'] },
        local: { command: '/Applications/My Tools/server', args: [] },
      },
    }, null, 2),
  });
  after(() => removeTree(tree));

  it('builds purls with packageurl-js and keeps the version only when it names one release', async () => {
    const r = await runCli(['inventory', '-f', 'json'], tree);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { packages: { server: string; purl?: string; pinned: boolean }[]; commands: { server: string; command: string }[] };
    const purl = Object.fromEntries(doc.packages.map((p) => [p.server, [p.purl, p.pinned]]));
    assert.deepEqual(purl, {
      gh: [`pkg:docker/github/github-mcp-server@sha256:${'0f'.repeat(32)}?repository_url=ghcr.io`, true],
      fetch: ['pkg:pypi/mcp-server-fetch@2025.1.17', true],
      time: ['pkg:pypi/mcp-server-time', false],
      hub: ['pkg:docker/mcp/fetch@latest', false],
      range: ['pkg:npm/%40acme/mcp-tickets', false],
      templated: ['pkg:npm/acme-mcp', true],
    });
    assert.deepEqual(doc.commands.map((c) => [c.server, c.command]), [['local', '/Applications/My Tools/server']]);
    const bom = await runCli(['inventory'], tree);
    assert.equal(await cdxValidator.validate(bom.stdout), null);
  });
});
