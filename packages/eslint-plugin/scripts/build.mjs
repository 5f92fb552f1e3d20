#!/usr/bin/env node
// Bundles eslint-plugin-promptlint into dist/: the plugin and its two formatters as ESM entry points that share one
// chunk, with the core and its parsers inlined. ESLint, @eslint/plugin-kit and @typescript-eslint/utils stay
// dependencies (the plugin must use the user's ESLint, never a copy of its own).
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const dist = `${pkgDir}dist/`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { index: `${pkgDir}src/index.ts`, 'formatters/json': `${pkgDir}src/formatters/json.ts`, 'formatters/sarif': `${pkgDir}src/formatters/sarif.ts` },
  outdir: dist,
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
