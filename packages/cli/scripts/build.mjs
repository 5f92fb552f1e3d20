#!/usr/bin/env node
// Bundles the `promptlint` package into dist/: self-contained ESM (an entry file and lazily loaded chunks) with
// the core and its dependencies inlined, so the published tarball has no runtime dependencies and starts fast.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const dist = `${pkgDir}dist/`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [`${pkgDir}src/index.ts`],
  outdir: dist,
  // Code that only some commands need (the inventory's CycloneDX library) goes into chunks loaded by dynamic
  // import, so linting one file does not compile or initialise it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  mainFields: ['module', 'main'],
  legalComments: 'linked',
  logLevel: 'warning',
  // Optional XML peers of @cyclonedx/cyclonedx-library: the inventory uses its JSON serializer only, and the library
  // requires these inside try/catch, so leaving them out of the bundle is safe.
  external: ['xmlbuilder2', 'libxmljs2'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __plCreateRequire } from 'node:module';\nconst require = __plCreateRequire(import.meta.url);" },
});

writeFileSync(
  `${dist}promptlint.js`,
  `#!/usr/bin/env node
import { main } from './index.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(\`promptlint: internal error: \${String(e)}\\n\`); process.exitCode = 2; },
);
`,
);
chmodSync(`${dist}promptlint.js`, 0o755);
