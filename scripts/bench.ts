// `pnpm bench`: generate a deterministic synthetic monorepo, run the BUILT promptlint bin over it as a child process
// (cold, cache fill, warm cached, one small file), then ESLint with the plugin's recommended preset and with no rules.
// Options: --files N (prompt files, default 5000), --keep (leave the tree and print its path), --runs N (median of N,
// default 3), --no-build, --no-eslint.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateSynthRepo } from './lib/synth-repo.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '5000' },
    keep: { type: 'boolean' },
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean' },
    'no-eslint': { type: 'boolean' },
  },
});
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const eslintBin = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const pluginDist = join(repoRoot, 'packages/eslint-plugin/dist/index.js');
const runs = Math.max(1, Number(values.runs));

if (!values['no-build']) {
  process.stderr.write('building promptlint …\n');
  execFileSync('pnpm', ['--filter', 'promptlint', 'build'], { cwd: repoRoot, stdio: 'ignore' });
}

const tree = mkdtempSync(join(tmpdir(), 'promptlint-bench-'));
// A private copy of the bundle (self-contained: no runtime dependencies), so a rebuild in the working tree
// during the benchmark cannot pull dist/ away from under it.
const binDir = mkdtempSync(join(tmpdir(), 'promptlint-bench-bin-'));
cpSync(join(repoRoot, 'packages/cli/dist'), binDir, { recursive: true });
const bin = join(binDir, 'promptlint.js');
const t0 = performance.now();
const stats = generateSynthRepo(tree, { files: Number(values.files) });
process.stderr.write(`generated ${stats.promptFiles} prompt files (${mb(stats.promptBytes)} MB, ${stats.seeded} seeded) and ${stats.otherFiles} other files in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${tree}\n`);

interface Run {
  wall: number;
  rssMb: number;
  stdout: string;
  status: number | null;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function run(cmd: string, args: string[], cwd: string): Run {
  const argv = timeBin ? ['-v', cmd, ...args] : [cmd, ...args];
  const start = performance.now();
  const r = spawnSync(timeBin ?? cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - start) / 1000;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(0, 2000)}\n`);
  return { wall, rssMb: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout, status: r.status };
}

/** Median run by wall time of `n` runs; `before` runs ahead of each one (e.g. to delete a cache). */
function median(n: number, f: () => Run, before?: () => void): Run {
  const all: Run[] = [];
  for (let i = 0; i < n; i++) {
    before?.();
    all.push(f());
  }
  all.sort((a, b) => a.wall - b.wall);
  return all[all.length >> 1]!;
}

function findings(jsonOut: string): number {
  try {
    return (JSON.parse(jsonOut) as { messages: unknown[] }[]).reduce((n, r) => n + r.messages.length, 0);
  } catch {
    return NaN;
  }
}

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

const rows: string[][] = [];
const row = (mode: string, files: number, bytes: number, r: Run, found: number) => {
  rows.push([mode, String(files), mb(bytes), r.wall.toFixed(2), Math.round(files / r.wall).toLocaleString('en'), (bytes / 1048576 / r.wall).toFixed(1), Number.isNaN(r.rssMb) ? 'n/a' : r.rssMb.toFixed(0), Number.isNaN(found) ? 'n/a' : String(found)]);
};

const node = process.execPath;
const cacheFile = join(tree, '.promptlintcache');
const cli = (extra: string[], target = '.') => run(node, [bin, '--no-config-lookup', '-f', 'json', ...extra, target], tree);
const dropCache = () => rmSync(cacheFile, { force: true });

const cold = median(runs, () => cli([]));
row('promptlint cold', stats.promptFiles, stats.promptBytes, cold, findings(cold.stdout));
const fill = median(runs, () => cli(['--cache']), dropCache);
row('promptlint --cache (empty cache)', stats.promptFiles, stats.promptBytes, fill, findings(fill.stdout));
const warm = median(runs, () => cli(['--cache']));
row('promptlint --cache (warm)', stats.promptFiles, stats.promptBytes, warm, findings(warm.stdout));
const small = join(tree, 'packages/pkg-0000/.cursorrules');
const single = median(runs, () => cli([], small));
row('promptlint one small file', 1, readFileSync(small).length, single, findings(single.stdout));

if (!values['no-eslint'] && existsSync(pluginDist) && existsSync(eslintBin)) {
  const conc = String(availableParallelism());
  const cfg = (rulesOff: boolean) =>
    `import promptlint from ${JSON.stringify(pluginDist)};\nexport default promptlint.configs.recommended.map((c) => (${rulesOff ? '{ ...c, rules: {} }' : 'c'}));\n`;
  writeFileSync(join(tree, 'eslint.bench.config.mjs'), cfg(false));
  writeFileSync(join(tree, 'eslint.none.config.mjs'), cfg(true));
  const eslint = (config: string) => run(node, [eslintBin, '-c', config, '--format', 'json', '--concurrency', conc, '.'], tree);
  const none = median(runs, () => eslint('eslint.none.config.mjs'));
  row(`ESLint, no rules (--concurrency ${conc})`, stats.promptFiles, stats.promptBytes, none, findings(none.stdout));
  const rec = median(runs, () => eslint('eslint.bench.config.mjs'));
  row(`ESLint + promptlint recommended (--concurrency ${conc})`, stats.promptFiles, stats.promptBytes, rec, findings(rec.stdout));
} else if (!values['no-eslint']) {
  process.stderr.write('ESLint comparison skipped: build packages/eslint-plugin first (pnpm --filter eslint-plugin-promptlint build)\n');
}

const head = ['mode', 'files', 'MB', 'wall s', 'files/s', 'MB/s', 'peak RSS MB', 'findings'];
const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
process.stdout.write(`\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; median of ${runs} runs\n\n${lines.join('\n')}\n`);
process.stdout.write(`\nwarm / cold: ${((warm.wall / cold.wall) * 100).toFixed(0)}%\n`);

if (values.keep) process.stderr.write(`kept ${tree}\n`);
else rmSync(tree, { recursive: true, force: true });
rmSync(binDir, { recursive: true, force: true });
