/**
 * Long fuzzing run: the properties of the quick suite (packages/core/test/fuzz/) with many more iterations.
 *
 *   pnpm fuzz                       1000 runs of each property, random seed
 *   pnpm fuzz --minutes 10          round-robin batches of --runs (default 200) until the time is up
 *   pnpm fuzz --seed 42 --runs 500  reproducible: batch k of a property uses seed S + k
 *   pnpm fuzz --out DIR             where counterexamples go (default: a new temp directory)
 *
 * Prints each batch, every failure with its replay seed and path, writes each shrunk counterexample to a file
 * (planted secrets are never printed), and ends with a summary line. Exit code 1 when anything failed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { maskSecret, sanitize } from '@promptlint/core';
import { allRulesConfig, asyncLintProperty, fuzzProperties, type FuzzStats } from './lib/fuzz-invariants.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

function num(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} needs a number, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
}

const minutes = num('minutes', 0);
const runs = Math.max(1, Math.floor(num('runs', minutes ? 200 : 1000)));
const seed = Math.floor(num('seed', Date.now() % 2 ** 31));
const timeLimitMs = num('time-limit', 3000);
const outDir = arg('out') ?? mkdtempSync(join(tmpdir(), 'promptlint-fuzz-'));
mkdirSync(outDir, { recursive: true });

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly property: fc.IRawProperty<any>;
  readonly secret?: boolean;
  readonly stats: FuzzStats;
  iterations: number;
  batches: number;
  failures: number;
  ms: number;
}

const config = await allRulesConfig();
const entries: Entry[] = [...fuzzProperties(config, { timeLimitMs }), asyncLintProperty(config, { timeLimitMs })].map((p) => ({
  ...p, iterations: 0, batches: 0, failures: 0, ms: 0,
}));

/** Redact planted secrets (and anything secret-shaped) from a counterexample's error message. */
function redact(text: string, example: unknown): string {
  let out = sanitize(text);
  const secrets = (example as { secrets?: string[] }[] | undefined)?.[0]?.secrets ?? [];
  for (const s of secrets) out = out.split(s).join(maskSecret(s));
  return out;
}

const distinct = new Map<string, number>();
const started = performance.now();
const deadline = minutes ? started + minutes * 60_000 : Infinity;
console.log(`fuzz: seed ${seed}, ${runs} runs per batch, ${minutes ? `${minutes} min` : 'one batch per property'}, counterexamples in ${outDir}`);

let round = 0;
outer: for (;;) {
  for (const e of entries) {
    if (performance.now() >= deadline) break outer;
    const batchSeed = (seed + e.batches * 7919) | 0;
    const t = performance.now();
    // eslint-disable-next-line no-await-in-loop
    const details = await fc.check(e.property, { seed: batchSeed, numRuns: runs });
    const ms = performance.now() - t;
    e.ms += ms;
    e.batches++;
    e.iterations += details.numRuns;
    if (details.failed) {
      e.failures++;
      const message = redact(String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance), details.counterexample);
      const kind = message.replace(/\d+/g, 'N').slice(0, 120);
      const n = (distinct.get(`${e.name}|${kind}`) ?? 0) + 1;
      distinct.set(`${e.name}|${kind}`, n);
      const file = join(outDir, `failure-${e.id}-${e.batches}.json`);
      writeFileSync(file, JSON.stringify({ property: e.name, seed: batchSeed, path: details.counterexamplePath, error: message, counterexample: details.counterexample }, null, 2));
      const doc = (details.counterexample as { text?: string }[] | undefined)?.[0];
      if (doc?.text !== undefined) writeFileSync(file.replace(/\.json$/, '.txt'), doc.text);
      console.log(`FAIL ${e.id}: ${e.name}\n  ${message.split('\n')[0]}\n  replay: --seed ${batchSeed} (path ${details.counterexamplePath}); counterexample: ${file}${e.secret ? ' (holds planted secrets: not printed)' : ''}`);
    } else {
      console.log(`ok   ${e.id} batch ${e.batches}: ${details.numRuns} runs in ${(ms / 1000).toFixed(1)} s (total ${e.iterations}, slowest document ${e.stats.slowest.toFixed(0)} ms)`);
    }
  }
  round++;
  if (!minutes) break;
}

const total = entries.reduce((n, e) => n + e.iterations, 0);
const failures = entries.reduce((n, e) => n + e.failures, 0);
console.log('\n| property | checks | iterations | failures | slowest document (ms) | secrets found / planted runs |\n|---|---|---|---|---|---|');
for (const e of entries) {
  const secrets = e.stats.secretRuns ? `${e.stats.secretHits} / ${e.stats.secretRuns}` : '';
  console.log(`| ${e.id} | ${e.name} | ${e.iterations} | ${e.failures} | ${e.stats.slowest.toFixed(0)} | ${secrets} |`);
}
console.log(`\nfuzz: ${total} iterations over ${entries.length} properties in ${((performance.now() - started) / 60_000).toFixed(1)} min (${round} rounds), ${failures} failing batches, ${distinct.size} distinct failures, seed ${seed}`);
process.exit(failures ? 1 : 0);
