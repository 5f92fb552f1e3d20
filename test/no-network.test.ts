/**
 * Issue 8, "no network": promptlint never opens a socket or resolves a name.
 * - The built CLI gives the same findings over examples/ inside a network namespace without interfaces
 *   (`unshare -n`, or `unshare -rn` as non-root; skipped with a message where neither is permitted).
 * - No shipped module (packages/<pkg>/src and the dist bundles) loads net, http, https, http2, dns, tls, dgram,
 *   undici or child_process, or reaches fetch / XMLHttpRequest / WebSocket / EventSource.
 * - At run time, with net.connect, http(s).request, dns.lookup, fetch and friends replaced by throwing stubs
 *   (an --import preload), the built CLI exits normally with the same findings and no stub is ever called.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli, builtDist } from './built-cli.ts';
import { builtinBase, formatSites, listFiles, NETWORK_MODULES, packageSourceDirs, scanFile, type ModuleLoad, type Site } from './module-scan.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'promptlint-nonet-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Finding = [file: string, ruleId: string | null, line: number, column: number, endLine: number | undefined, endColumn: number | undefined, severity: number];

function findings(stdout: string): Finding[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; severity: number }[] }[];
  return results.flatMap((r) => r.messages.map((m): Finding => [relative(root, r.filePath), m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.severity]))
    .sort((a, b) => a.join().localeCompare(b.join()));
}

const ARGS = ['-f', 'json', 'examples/'];
let bin = '';
let baseline: Finding[] = [];

before(() => {
  bin = builtCli(work);
  const r = spawnSync(process.execPath, [bin, ...ARGS], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 1, `the examples have seeded problems (exit 1):\n${r.stderr}`);
  baseline = findings(r.stdout);
  assert.ok(baseline.length >= 10, `expected the seeded findings in examples/, got ${baseline.length}`);
});

/** `unshare -n` (root) or `unshare -rn` (an unprivileged user namespace), whichever this machine permits. */
function unshareCommand(): string[] | undefined {
  for (const flags of [['-n'], ['-rn']]) {
    const probe = spawnSync('unshare', [...flags, 'true'], { encoding: 'utf8', timeout: 10_000 });
    if (probe.status === 0) return ['unshare', ...flags];
  }
  return undefined;
}

describe('the built CLI without a network', () => {
  it('gives the same findings over examples/ in a network namespace without interfaces', (t) => {
    const unshare = unshareCommand();
    if (!unshare) {
      t.skip('unshare -n / -rn is not permitted here (no CAP_SYS_ADMIN, user namespaces disabled or unshare missing)');
      return;
    }
    // The namespace really has no usable interface: nothing but a loopback that is down.
    const ifs = spawnSync(unshare[0]!, [...unshare.slice(1), process.execPath, '-e', 'console.log(JSON.stringify(Object.keys(require("os").networkInterfaces())))'], { encoding: 'utf8' });
    assert.equal(ifs.status, 0, ifs.stderr);
    assert.deepEqual((JSON.parse(ifs.stdout) as string[]).filter((n) => n !== 'lo'), []);

    const r = spawnSync(unshare[0]!, [...unshare.slice(1), process.execPath, bin, ...ARGS], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(findings(r.stdout), baseline);

    // The AI bill of materials is deterministic: byte for byte the same without a network.
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
    if (/^\s+inventory\b/m.test(help)) {
      const inv = ['inventory', 'examples/'];
      const normal = spawnSync(process.execPath, [bin, ...inv], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      const isolated = spawnSync(unshare[0]!, [...unshare.slice(1), process.execPath, bin, ...inv], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      assert.equal(isolated.status, normal.status, isolated.stderr);
      assert.ok(normal.stdout.length > 0);
      assert.equal(isolated.stdout, normal.stdout);
    }
  });

  it('exits normally with the same findings when every network entry point throws', () => {
    const log = join(work, 'network-calls.log');
    const preload = join(work, 'no-network-preload.mjs');
    writeFileSync(preload, `
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import tls from 'node:tls';
import dns from 'node:dns';
import dgram from 'node:dgram';
const log = process.env.PROMPTLINT_NET_LOG;
const stub = (name) => function blocked() {
  appendFileSync(log, name + '\\n');
  throw new Error('network access blocked by the test: ' + name);
};
net.connect = stub('net.connect');
net.createConnection = stub('net.createConnection');
net.Socket.prototype.connect = stub('net.Socket.prototype.connect');
http.request = stub('http.request');
http.get = stub('http.get');
https.request = stub('https.request');
https.get = stub('https.get');
http2.connect = stub('http2.connect');
tls.connect = stub('tls.connect');
dgram.createSocket = stub('dgram.createSocket');
for (const f of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'reverse']) {
  dns[f] = stub('dns.' + f);
  dns.promises[f] = stub('dns.promises.' + f);
}
for (const g of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']) globalThis[g] = stub(g);
syncBuiltinESMExports();
appendFileSync(log, 'preload\\n');
`);
    const env = { ...process.env, PROMPTLINT_NET_LOG: log };
    // The stubs work: a script that fetches is stopped and logged.
    writeFileSync(log, '');
    const control = spawnSync(process.execPath, ['--import', preload, '--input-type=module', '-e', "import { lookup } from 'node:dns'; try { lookup('example.com', () => {}); } catch {} try { await fetch('http://127.0.0.1:9/'); } catch {}"], { env, encoding: 'utf8' });
    assert.equal(control.status, 0, control.stderr);
    assert.equal(readFileSync(log, 'utf8'), 'preload\ndns.lookup\nfetch\n');

    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--import', preload, bin, ...ARGS], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(log, 'utf8'), 'preload\n', 'no network entry point was called');
    assert.deepEqual(findings(r.stdout), baseline);

    // The other paths that touch the outside world in other tools: SARIF (rule help URLs), the AI bill of
    // materials (package URLs, remote MCP servers, hub references) and pinning (hashes of remote references).
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
    const pinDir = join(work, 'pin-examples');
    cpSync(join(root, 'examples'), pinDir, { recursive: true });
    const commands: [string, string[]][] = [['sarif', ['-f', 'sarif', 'examples/']], ['print-config', ['--print-config', 'examples/AGENTS.md']]];
    if (/^\s+inventory\b/m.test(help)) commands.push(['inventory', ['inventory', 'examples/']]);
    if (/^\s+pin\b/m.test(help)) commands.push(['pin', ['pin', pinDir]]);
    for (const [name, args] of commands) {
      writeFileSync(log, '');
      const c = spawnSync(process.execPath, ['--import', preload, bin, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
      assert.ok(c.status === 0 || c.status === 1, `${name}: exit ${c.status}\n${c.stderr}`);
      assert.ok(c.stdout.length > 0 || name === 'pin', `${name} wrote its output`);
      assert.equal(readFileSync(log, 'utf8'), 'preload\n', `${name}: no network entry point was called`);
    }
  });
});

function networkLoads(loads: readonly ModuleLoad[]): ModuleLoad[] {
  const bad = new Set<string>([...NETWORK_MODULES, 'child_process']);
  return loads.filter((l) => l.specifier !== undefined && bad.has(builtinBase(l.specifier)));
}

/** Module loads and network globals of every file. */
function scanAll(files: readonly string[]): { loads: ModuleLoad[]; globals: Site[] } {
  const scans = files.map((f) => scanFile(root, f));
  return { loads: scans.flatMap((s) => s.loads), globals: scans.flatMap((s) => s.networkGlobals) };
}

describe('no shipped module can reach the network', () => {
  it('packages/*/src: no import, export-from, import() or require of a network module or child_process, no fetch/XMLHttpRequest/WebSocket', () => {
    const files = packageSourceDirs(root).flatMap((d) => listFiles(d, ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']));
    assert.ok(files.length > 50, `found only ${files.length} source files`);
    const { loads, globals } = scanAll(files);
    // The scan sees real imports (a sanity check that it parses the sources at all).
    assert.ok(loads.some((l) => l.specifier === 'node:fs'));
    assert.deepEqual(networkLoads(loads), [], `network-capable modules loaded by the sources:\n${formatSites(networkLoads(loads))}`);
    assert.deepEqual(globals, [], `network globals used by the sources:\n${formatSites(globals)}`);
  });

  for (const pkg of ['cli', 'eslint-plugin'] as const) {
    it(`packages/${pkg}/dist bundles: nothing network-capable is bundled or loaded`, () => {
      // The CLI: the private copy of its dist/ taken in before(); the plugin's, built when missing.
      const dist = pkg === 'cli' ? dirname(bin) : builtDist(pkg, work);
      const files = listFiles(dist, ['.js', '.mjs', '.cjs']);
      assert.ok(files.length > 0);
      const { loads, globals } = scanAll(files);
      assert.ok(loads.some((l) => l.specifier !== undefined && builtinBase(l.specifier) === 'fs'));
      assert.deepEqual(networkLoads(loads), [], `network-capable modules in the ${pkg} bundle:\n${formatSites(networkLoads(loads))}`);
      assert.deepEqual(globals, [], `network globals in the ${pkg} bundle:\n${formatSites(globals)}`);
    });
  }

  it('the scanner itself finds every form of a network load (so a clean result means something)', async () => {
    const { scanText } = await import('./module-scan.ts');
    const probe = scanText([
      "import net from 'net';",
      "import * as h from 'node:https';",
      "export { request } from 'node:http';",
      "const d = require('dns');",
      "const t = await import('node:tls');",
      "const u = __require('dgram');",
      "const c = process.getBuiltinModule('node:child_process');",
      "import { promises } from 'node:dns/promises';",
      "await fetch('https://x');",
      "const ws = new globalThis.WebSocket('wss://x');",
      "const x = new XMLHttpRequest();",
      "const f = globalThis['fetch'];",
      // Not loads or calls: a word in a string or comment, a property named fetch, a type-only import.
      "const s = 'require(\"net\") and fetch(';",
      '// import http from "http"',
      'const o = { fetch: 1 }; o.fetch; class K { fetch() {} }',
      "import type { Socket } from 'node:net';",
    ].join('\n'), 'probe.ts');
    assert.deepEqual(networkLoads(probe.loads).map((l) => builtinBase(l.specifier!)), ['net', 'https', 'http', 'dns', 'tls', 'dgram', 'child_process', 'dns']);
    assert.deepEqual(probe.networkGlobals.map((g) => g.line), [9, 10, 11, 12]);
  });
});
