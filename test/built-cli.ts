/** The built CLI for tests that must run what users run (no-network, no-exec). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The built CLI, copied to a private folder under `work`: other test files (pack.test.ts through prepack) may rebuild dist/
 * while this one runs. A missing or half-written dist/ is waited for; built here only when nobody else does.
 */
export function builtCli(work: string): string {
  const dist = join(root, 'packages', 'cli', 'dist');
  const copy = join(work, 'cli');
  let built = false;
  for (let attempt = 0; attempt < 30; attempt++) {
    if (existsSync(join(dist, 'promptlint.js')) && existsSync(join(dist, 'index.js'))) {
      rmSync(copy, { recursive: true, force: true });
      try {
        cpSync(dist, copy, { recursive: true });
        const v = spawnSync(process.execPath, [join(copy, 'promptlint.js'), '--version'], { encoding: 'utf8', timeout: 30_000 });
        if (v.status === 0 && /^\d+\.\d+\.\d+/.test(v.stdout)) return join(copy, 'promptlint.js');
      } catch {
        // dist/ changed under the copy: try again
      }
    } else if (attempt >= 5 && !built) {
      built = true;
      const b = spawnSync('pnpm', ['--filter', 'promptlint', 'build'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
      assert.equal(b.status, 0, `building the CLI failed:\n${b.stdout}\n${b.stderr}`);
      continue;
    }
    spawnSync('sleep', ['1']);
  }
  return assert.fail('packages/cli/dist did not become usable (a build kept failing?)');
}

/**
 * The folder of a package's built bundles, built when missing (a clean checkout has none), so tests always scan
 * what would be published. The CLI's is the private copy under `work` (see builtCli).
 */
export function builtDist(pkg: 'cli' | 'eslint-plugin', work: string): string {
  if (pkg === 'cli') return dirname(builtCli(work));
  const dist = join(root, 'packages', pkg, 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    const b = spawnSync('pnpm', ['--filter', 'eslint-plugin-promptlint', 'build'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    assert.equal(b.status, 0, `building packages/${pkg} failed:\n${b.stdout}\n${b.stderr}`);
  }
  return dist;
}
