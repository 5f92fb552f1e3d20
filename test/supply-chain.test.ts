/**
 * Issue 8, "our own supply chain": a committed lockfile that CI installs from exactly, exact versions,
 * integrity hashes, the `audit:prod` script, and a documented reason for every dependency.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `yaml` is a dependency of the core package (not hoisted to the root).
const YAML = createRequire(join(root, 'packages', 'core', 'package.json'))('yaml') as { parse(text: string): unknown };

const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every package.json of the workspace: the root and packages/<name>, keyed by lockfile importer id. */
function manifests(): Map<string, Manifest> {
  const out = new Map<string, Manifest>([['.', JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest]]);
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const p = join(root, 'packages', name, 'package.json');
    if (existsSync(p)) out.set(`packages/${name}`, JSON.parse(readFileSync(p, 'utf8')) as Manifest);
  }
  return out;
}

const lock = YAML.parse(readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8')) as {
  importers: Record<string, Partial<Record<(typeof DEP_FIELDS)[number], Record<string, { specifier: string }>>>>;
  packages: Record<string, { resolution?: { integrity?: string; tarball?: string } }>;
};

describe('our own supply chain', () => {
  it('pnpm-lock.yaml is committed and CI installs from it with --frozen-lockfile', (t) => {
    const git = spawnSync('git', ['ls-files', '--error-unmatch', 'pnpm-lock.yaml'], { cwd: root, encoding: 'utf8' });
    if (git.error || /not a git repository/.test(git.stderr)) t.diagnostic('not a git checkout: the committed-lockfile check is skipped');
    else assert.equal(git.status, 0, 'pnpm-lock.yaml is tracked by git');
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const installs = [...ci.matchAll(/\bpnpm\s+(?:i|install)\b[^\n&|;]*/g)].map((m) => m[0].trim());
    assert.deepEqual(installs, ['pnpm install --frozen-lockfile']);
    // The package manager itself is pinned to an exact version.
    for (const m of ci.matchAll(/\bnpm\s+(?:i|install)\s+-g\s+(\S+)/g)) assert.match(m[1]!, /^pnpm@\d+\.\d+\.\d+$/);
  });

  it('the lockfile matches every package.json (what --frozen-lockfile enforces, checked offline)', () => {
    for (const [importer, manifest] of manifests()) {
      const locked = lock.importers[importer];
      assert.ok(locked, `pnpm-lock.yaml has an importer for ${importer}`);
      // pnpm installs peers too (autoInstallPeers), listed with the other dependencies under their range.
      const want = Object.entries(Object.assign({}, manifest.peerDependencies, manifest.optionalDependencies, manifest.devDependencies, manifest.dependencies)).sort();
      const got = (['dependencies', 'devDependencies', 'optionalDependencies'] as const).flatMap((f) => Object.entries(locked[f] ?? {}).map(([name, v]) => [name, v.specifier])).sort();
      assert.deepEqual(got, want, importer);
    }
  });

  it('every locked package has an integrity hash', () => {
    const missing = Object.entries(lock.packages).filter(([, p]) => !p.resolution?.integrity).map(([id]) => id);
    assert.deepEqual(missing, []);
    assert.ok(Object.keys(lock.packages).length > 50);
  });

  it('every dependency is pinned to an exact version (peer dependencies are ranges on purpose)', () => {
    const loose: string[] = [];
    for (const [importer, manifest] of manifests()) {
      for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
        for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
          if (!/^(?:workspace:\*|(?:npm:[@\w./-]+@)?\d+\.\d+\.\d+(?:-[\w.]+)?)$/.test(spec)) loose.push(`${importer} ${field} ${name}@${spec}`);
        }
      }
    }
    assert.deepEqual(loose, []);
  });

  it('the audit script exists (run by hand: it needs the advisory service)', () => {
    assert.equal(manifests().get('.')!.scripts?.['audit:prod'], 'pnpm audit --prod');
  });

  it('docs/architecture.md says why every dependency of every package.json earns its place', () => {
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const start = doc.indexOf('\n## Dependencies');
    assert.ok(start >= 0, 'a Dependencies section');
    const next = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, next < 0 ? undefined : next);
    const undocumented: string[] = [];
    for (const [importer, manifest] of manifests()) {
      for (const field of DEP_FIELDS) {
        for (const name of Object.keys(manifest[field] ?? {})) {
          // One table row per dependency and package.json: | `name` | package | kind | ...
          const row = new RegExp(`^\\| \`${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\` \\| \`${importer === '.' ? 'root' : importer}\` \\|`, 'm');
          if (!row.test(section)) undocumented.push(`${importer}: ${name} (${field})`);
        }
      }
    }
    assert.deepEqual(undocumented, [], 'add a row to the Dependencies table of docs/architecture.md');
  });
});
