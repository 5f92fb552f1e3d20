/**
 * Long fuzzing run: the properties of the quick suite (packages/core/test/fuzz/) with many more iterations.
 *
 *   pnpm fuzz                       1000 runs of each property, random seed
 *   pnpm fuzz --minutes 10          round-robin batches of --runs (default 200) until the time is up
 *   pnpm fuzz --seed 42 --runs 500  reproducible: batch k of a property uses seed S + 7919·k
 *   pnpm fuzz --out DIR             where counterexamples go (default: a new temp directory)
 *   --time-limit MS                 slowest a single document may be (default 3000)
 *   --hang-seconds N                no new input for N s counts as a hang (default 60)
 *   --size S                        fast-check base size: xsmall, small (default), medium, large, xlarge (more blocks and tokens)
 *   --self-test-hang N              spin forever at the N-th input (checks the watchdog itself)
 *
 * The properties run in a worker thread; the main thread is a watchdog: each input is copied into shared
 * memory before it is checked, so an input that hangs the linter is saved, the worker is replaced, and the
 * run goes on with the next batch. Prints each batch, every failure with its replay seed and path, writes each
 * shrunk counterexample to a file (planted secrets are never printed), and ends with a table and a summary
 * line. Exit code 1 when anything failed or hung.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { maskSecret, sanitize } from '@promptlint/core';
import { allRulesConfig, asyncLintProperty, fuzzProperties, inputHooks, type FuzzStats } from './lib/fuzz-invariants.ts';

interface Settings {
  readonly seed: number;
  readonly runs: number;
  readonly minutes: number;
  readonly timeLimitMs: number;
  readonly outDir: string;
  /** Epoch ms after which no new batch starts (Infinity: one batch per property). */
  readonly deadline: number;
  /** Self-test of the watchdog: the worker spins forever at this input (0: never). */
  readonly hangAt: number;
  /** fast-check's base size: how long generated arrays (blocks, mutations, tokens) get. */
  readonly size: 'xsmall' | 'small' | 'medium' | 'large' | 'xlarge';
}

interface WorkerInput extends Settings {
  readonly shared: SharedArrayBuffer;
  /** Batch index to start at, per property id (batches already run, or skipped after a hang). */
  readonly start: Readonly<Record<string, number>>;
}

type FromWorker =
  | { type: 'properties'; list: { id: string; name: string; secret: boolean }[] }
  | { type: 'start'; id: string; batch: number }
  | { type: 'batch'; id: string; batch: number; runs: number; ms: number; slowest: number; secretHits: number; secretRuns: number; failure?: string; file?: string }
  | { type: 'done' };

/** Shared memory: [0] input counter, [1] byte length of the current input; then the input as UTF-8 JSON. */
const HEADER = 8;
const INPUT_BYTES = 4 << 20;

// ------------------------------------------------------------------------------------------ worker

async function workerMain(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const meta = new Int32Array(input.shared, 0, 2);
  const bytes = new Uint8Array(input.shared, HEADER);
  const encoder = new TextEncoder();
  let seen = 0;
  inputHooks.onInput = (value) => {
    const { written } = encoder.encodeInto(JSON.stringify(value), bytes);
    Atomics.store(meta, 1, written);
    Atomics.add(meta, 0, 1);
    if (++seen === input.hangAt) for (;;);
  };
  const config = await allRulesConfig();
  const props = [...fuzzProperties(config, { timeLimitMs: input.timeLimitMs }), asyncLintProperty(config, { timeLimitMs: input.timeLimitMs })];
  port.postMessage({ type: 'properties', list: props.map((p) => ({ id: p.id, name: p.name, secret: 'secret' in p && p.secret === true })) } satisfies FromWorker);
  const next = new Map(props.map((p) => [p.id, input.start[p.id] ?? 0]));
  const oneRound = input.deadline === Infinity;
  for (;;) {
    for (const p of props) {
      if (Date.now() >= input.deadline) break;
      const batch = next.get(p.id)!;
      if (oneRound && batch > 0) continue;
      next.set(p.id, batch + 1);
      port.postMessage({ type: 'start', id: p.id, batch } satisfies FromWorker);
      const stats: FuzzStats = p.stats;
      stats.slowest = 0;
      stats.secretHits = 0;
      stats.secretRuns = 0;
      const seed = (input.seed + batch * 7919) | 0;
      const t = performance.now();
      const details = await fc.check(p.property as fc.IRawProperty<unknown>, { seed, numRuns: input.runs });
      const msg: Extract<FromWorker, { type: 'batch' }> = {
        type: 'batch', id: p.id, batch, runs: details.numRuns, ms: performance.now() - t, slowest: stats.slowest, secretHits: stats.secretHits, secretRuns: stats.secretRuns,
      };
      if (details.failed) {
        const failure = redact(String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance), details.counterexample);
        const file = join(input.outDir, `failure-${p.id}-${batch}.json`);
        writeFileSync(file, JSON.stringify({ property: p.name, seed, path: details.counterexamplePath, error: failure, counterexample: details.counterexample }, null, 2));
        const doc = (details.counterexample as { text?: string }[] | undefined)?.[0];
        if (doc?.text !== undefined) writeFileSync(file.replace(/\.json$/, '.txt'), doc.text);
        port.postMessage({ ...msg, failure: `${failure.split('\n')[0]}\n  replay: --seed ${input.seed} batch ${batch} (fast-check seed ${seed}, path ${details.counterexamplePath})`, file } satisfies FromWorker);
      } else port.postMessage(msg);
    }
    if (oneRound || Date.now() >= input.deadline) break;
  }
  port.postMessage({ type: 'done' } satisfies FromWorker);
}

/** Redact planted secrets (and anything secret-shaped) from a counterexample's error message. */
function redact(text: string, example: unknown): string {
  let out = sanitize(text);
  const secrets = (example as { secrets?: string[] }[] | undefined)?.[0]?.secrets ?? [];
  for (const s of secrets) out = out.split(s).join(maskSecret(s));
  return out;
}

// ------------------------------------------------------------------------------------------ watchdog

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
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

function size(v: string): Settings['size'] {
  const sizes = ['xsmall', 'small', 'medium', 'large', 'xlarge'] as const;
  const found = sizes.find((x) => x === v);
  if (!found) {
    console.error(`--size is one of ${sizes.join(', ')}, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return found;
}

interface Tally {
  name: string;
  secret: boolean;
  iterations: number;
  batches: number;
  failures: number;
  hangs: number;
  slowest: number;
  secretHits: number;
  secretRuns: number;
}

async function main(): Promise<void> {
  const minutes = num('minutes', 0);
  const settings: Settings = {
    minutes,
    runs: Math.max(1, Math.floor(num('runs', minutes ? 200 : 1000))),
    seed: Math.floor(num('seed', Date.now() % 2 ** 31)),
    timeLimitMs: num('time-limit', 3000),
    outDir: arg('out') ?? mkdtempSync(join(tmpdir(), 'promptlint-fuzz-')),
    deadline: minutes ? Date.now() + minutes * 60_000 : Infinity,
    hangAt: Math.floor(num('self-test-hang', 0)),
    size: size(arg('size') ?? 'small'),
  };
  const hangMs = num('hang-seconds', 60) * 1000;
  mkdirSync(settings.outDir, { recursive: true });
  console.log(`fuzz: seed ${settings.seed}, ${settings.runs} runs per batch, size ${settings.size}, ${minutes ? `${minutes} min` : 'one batch per property'}, counterexamples in ${settings.outDir}`);

  const tallies = new Map<string, Tally>();
  const start: Record<string, number> = {};
  const shared = new SharedArrayBuffer(HEADER + INPUT_BYTES);
  const meta = new Int32Array(shared, 0, 2);
  const tsx = import.meta.resolve('tsx/esm/api');
  // fast-check reads the base size when an arbitrary is built: configure it before the arbitraries module loads.
  const fastCheck = import.meta.resolve('fast-check');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(fastCheck)}); })`
    + `.then((m) => { (m.default ?? m).configureGlobal({ baseSize: ${JSON.stringify(settings.size)} }); return import(${JSON.stringify(import.meta.url)}); })`;
  const started = Date.now();
  let done = false;
  while (!done) {
    // One worker until it finishes, or until the watchdog sees it hang.
    const result = await new Promise<'done' | 'hang' | 'error'>((resolve) => {
      const worker = new Worker(boot, { eval: true, execArgv: ['--conditions=source'], workerData: { ...settings, shared, start } satisfies WorkerInput });
      let current: { id: string; batch: number } | undefined;
      let lastCount = Atomics.load(meta, 0);
      let lastChange = Date.now();
      const timer = setInterval(() => {
        const count = Atomics.load(meta, 0);
        if (count !== lastCount) {
          lastCount = count;
          lastChange = Date.now();
          return;
        }
        if (Date.now() - lastChange < hangMs) return;
        clearInterval(timer);
        const length = Atomics.load(meta, 1);
        const input = new TextDecoder().decode(new Uint8Array(shared, HEADER, length));
        const id = current?.id ?? 'unknown';
        const file = join(settings.outDir, `hang-${id}-${current?.batch ?? 0}.json`);
        writeFileSync(file, input);
        const t = tallies.get(id);
        if (t) t.hangs++;
        console.log(`HANG ${id}: no new input for ${(hangMs / 1000).toFixed(0)} s; the input being checked is in ${file}${t?.secret ? ' (holds planted secrets: not printed)' : ''}`);
        void worker.terminate().then(() => resolve('hang'));
      }, 1000);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'properties') {
          for (const p of m.list) if (!tallies.has(p.id)) tallies.set(p.id, { name: p.name, secret: p.secret, iterations: 0, batches: 0, failures: 0, hangs: 0, slowest: 0, secretHits: 0, secretRuns: 0 });
        } else if (m.type === 'start') {
          current = { id: m.id, batch: m.batch };
          // A replacement worker skips the batch that hung.
          start[m.id] = m.batch + 1;
        } else if (m.type === 'batch') {
          const t = tallies.get(m.id)!;
          t.iterations += m.runs;
          t.batches++;
          t.slowest = Math.max(t.slowest, m.slowest);
          t.secretHits += m.secretHits;
          t.secretRuns += m.secretRuns;
          if (m.failure) {
            t.failures++;
            console.log(`FAIL ${m.id}: ${t.name}\n  ${m.failure}\n  counterexample: ${m.file}${t.secret ? ' (holds planted secrets: not printed)' : ''}`);
          } else {
            console.log(`ok   ${m.id} batch ${m.batch + 1}: ${m.runs} runs in ${(m.ms / 1000).toFixed(1)} s (total ${t.iterations}, slowest document ${t.slowest.toFixed(0)} ms)`);
          }
        } else if (m.type === 'done') {
          clearInterval(timer);
          void worker.terminate().then(() => resolve('done'));
        }
      });
      worker.on('error', (e) => {
        clearInterval(timer);
        console.log(`ERROR in the fuzz worker: ${sanitize(String(e)).slice(0, 500)}`);
        resolve('error');
      });
    });
    done = result !== 'hang' || Date.now() >= settings.deadline || (settings.deadline === Infinity && [...tallies.keys()].every((id) => (start[id] ?? 0) > 0));
    if (result === 'error') process.exitCode = 1;
  }

  const all = [...tallies.entries()];
  const total = all.reduce((n, [, t]) => n + t.iterations, 0);
  const failures = all.reduce((n, [, t]) => n + t.failures, 0);
  const hangs = all.reduce((n, [, t]) => n + t.hangs, 0);
  console.log('\n| property | checks | iterations | failures | hangs | slowest document (ms) | secrets found / planted runs |\n|---|---|---|---|---|---|---|');
  for (const [id, t] of all) {
    console.log(`| ${id} | ${t.name} | ${t.iterations} | ${t.failures} | ${t.hangs} | ${t.slowest.toFixed(0)} | ${t.secretRuns ? `${t.secretHits} / ${t.secretRuns}` : ''} |`);
  }
  console.log(`\nfuzz: ${total} iterations (size ${settings.size}) over ${all.length} properties in ${((Date.now() - started) / 60_000).toFixed(1)} min, ${failures} failing batches, ${hangs} hangs, seed ${settings.seed}`);
  if (failures || hangs) process.exitCode = 1;
}

if (isMainThread) await main();
else await workerMain(workerData as WorkerInput);
