/**
 * Adversarial benchmark (issue 8, linear-time matching): every rule in RULES, alone, on ~1 MB hostile inputs
 * generated from its own regexes (scripts/lib/adversarial.ts) and on generic hostile inputs, in each covered
 * format (Markdown, JSON MCP config, YAML prompt file, TOML Codex config), against ordinary prompt text of the
 * same size in the same format. Prints one row per rule and format (ordinary ms, worst adversarial ms, worst
 * input, ratio), parse times per format separately, and end-to-end `lintTextSync` times for the ten worst rows.
 * Target: no rule more than 5x slower on adversarial input than on ordinary text. Times are CPU milliseconds of
 * the process (wall-clock time on a shared, loaded machine would mostly measure the other processes).
 *
 *   pnpm bench:adversarial                 1 MB inputs, all rules, all formats (several minutes)
 *   pnpm bench:adversarial --size 131072   smaller inputs
 *   pnpm bench:adversarial --rule exfil-instruction --format markdown
 *   pnpm bench:adversarial --json          machine-readable rows
 */
import { cpus, loadavg } from 'node:os';
import { RULES, lintTextSync, type FormatId } from '@promptlint/core';
import { runBench, inputByName, genericInputs, cpuMs, FORMAT_CASES, type BenchRow } from './lib/adversarial.ts';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const all = (name: string): string[] => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]!] : []));

const size = Number(opt('--size') ?? 1_000_000);
const maxDerived = Number(opt('--max-derived') ?? 4);
const ruleIds = all('--rule');
const formats = all('--format') as FormatId[];
const json = args.includes('--json');
const TARGET = 5;

const rules = RULES.filter((r) => !ruleIds.length || ruleIds.includes(r.meta.id));
const started = performance.now();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join('/')}`;
if (!json) {
  console.log(`Adversarial benchmark: ${rules.length} rules, ${size} characters per input, up to ${maxDerived} single-run inputs per rule + 4 mixes + ${genericInputs(1).length} generic`);
  console.log(`Machine: ${machine}\n`);
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const { rows, parse } = runBench({
  size,
  maxDerived,
  rules,
  formats: formats.length ? formats : undefined,
  confirmRatio: 3,
  floorMs: 1,
  scaleAbove: TARGET,
  onRow: (r) => {
    if (!json) process.stderr.write(`  ${r.rule} ${r.format}: ${fmt(r.ordinaryMs)} ms / ${fmt(r.worstMs)} ms (${r.ratio.toFixed(1)}x)\n`);
  },
});

// End-to-end (parse + rule through lintTextSync) for the ten worst rows, on their worst input.
const worst = [...rows].sort((a, b) => b.ratio - a.ratio || b.worstMs - a.worstMs).slice(0, 10);
const endToEnd = new Map<BenchRow, number>();
for (const row of worst) {
  const c = FORMAT_CASES.find((f) => f.format === row.format)!;
  const rule = RULES.find((r) => r.meta.id === row.rule)!;
  const input = inputByName(row.rule, row.worstInput, size, maxDerived);
  if (input === undefined) continue;
  const text = c.wrap(input);
  const t = process.cpuUsage();
  lintTextSync(text, { filePath: c.filePath, format: c.format, rules: [{ rule, severity: 2 }] });
  endToEnd.set(row, cpuMs(t));
}

if (json) {
  console.log(JSON.stringify({ machine, size, rows, parse, endToEnd: worst.map((r) => ({ rule: r.rule, format: r.format, ms: endToEnd.get(r) })) }, null, 2));
} else {
  const sorted = [...rows].sort((a, b) => b.ratio - a.ratio || b.worstMs - a.worstMs);
  const w = Math.max(...rows.map((r) => r.rule.length), 4);
  console.log(`${'rule'.padEnd(w)}  format    ordinary ms  worst adv. ms  ratio  growth  worst input`);
  for (const r of sorted) {
    const flag = r.ratio > TARGET ? `  <-- over ${TARGET}x${r.exponent !== undefined && r.exponent > 1.5 ? ', SUPER-LINEAR' : ', linear'}` : '';
    const g = r.exponent === undefined ? '' : `n^${r.exponent.toFixed(2)}`;
    console.log(`${r.rule.padEnd(w)}  ${r.format.padEnd(8)}  ${fmt(r.ordinaryMs).padStart(11)}  ${fmt(r.worstMs).padStart(13)}  ${r.ratio.toFixed(1).padStart(5)}  ${g.padStart(6)}  ${r.worstInput}${flag}`);
  }
  console.log(`(growth: exponent of the worst input's time between ${Math.floor(size / 4)} and ${size} characters, measured for rows over ${TARGET}x; 1 = linear, 2 = quadratic)`);
  console.log('\nEnd-to-end lintTextSync (parse + rule) on the worst input of the ten worst rows:');
  for (const r of worst) console.log(`  ${r.rule} ${r.format} "${r.worstInput}": ${fmt(endToEnd.get(r) ?? NaN)} ms`);

  console.log('\nParsing (parseDocument alone), per format: ordinary, median and worst adversarial input:');
  for (const c of FORMAT_CASES) {
    const ps = parse.filter((p) => p.format === c.format);
    if (!ps.length) continue;
    const ord = ps.find((p) => p.input === 'ordinary')!;
    const adv = ps.filter((p) => p !== ord).sort((a, b) => a.ms - b.ms);
    const med = adv[Math.floor(adv.length / 2)];
    const top = adv[adv.length - 1];
    console.log(`  ${c.format.padEnd(8)} ordinary ${fmt(ord.ms)} ms, median ${fmt(med?.ms ?? NaN)} ms, worst ${fmt(top?.ms ?? NaN)} ms ("${top?.input}") over ${adv.length} inputs`);
  }
  const over = rows.filter((r) => r.ratio > TARGET);
  const slowest = Math.max(0, ...rows.map((r) => r.worstMs));
  console.log(`\n${rows.length} rule/format pairs; ${over.length} over ${TARGET}x; slowest rule on one input ${fmt(slowest)} ms; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (over.length) process.exitCode = 1;
}
