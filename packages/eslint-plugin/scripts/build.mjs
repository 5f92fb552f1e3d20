#!/usr/bin/env node
// Bundles eslint-plugin-promptlint into dist/: the plugin and its two formatters as ESM entry points that share one
// chunk, with the core and its parsers inlined. ESLint, @eslint/plugin-kit and @typescript-eslint/utils stay
// dependencies (the plugin must use the user's ESLint, never a copy of its own).
//
// `--outdir <dir>` writes elsewhere (tests). Otherwise the bundle is built next to dist/ and swapped in, so a
// concurrent reader of dist/ (another test run in the same tree) never sees it half-written.
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const flag = process.argv.indexOf('--outdir');
const explicit = flag >= 0 ? resolve(process.argv[flag + 1] ?? '') : undefined;
const dist = resolve(pkgDir, 'dist');
const out = explicit ?? `${dist}.tmp-${process.pid}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { index: `${pkgDir}src/index.ts`, 'formatters/json': `${pkgDir}src/formatters/json.ts`, 'formatters/sarif': `${pkgDir}src/formatters/sarif.ts` },
  outdir: out,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  mainFields: ['module', 'main'],
  external: ['eslint', '@eslint/plugin-kit', '@typescript-eslint/utils', '@eslint/core'],
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __plCreateRequire } from 'node:module';\nconst require = __plCreateRequire(import.meta.url);" },
});

if (!explicit) {
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
}
