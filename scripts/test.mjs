#!/usr/bin/env node
// Runs every *.test.ts in the repository under node:test (Node 20's --test does not expand globs).
// `node scripts/test.mjs --list` prints the files it would run (a test checks that list).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', '.git', 'dist', 'fixtures', 'examples']);

export function findTestFiles(dir = root) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findTestFiles(p));
    else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

const files = findTestFiles();
if (process.argv.includes('--list')) {
  console.log(files.join('\n'));
} else {
  const extra = process.argv.slice(2);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', '--test', ...extra, ...files], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
