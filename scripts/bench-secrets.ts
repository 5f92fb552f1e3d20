/**
 * Secrets benchmark: lints the frozen secrets set (packages/core/test/fixtures/secrets) with the `secrets`
 * rules only and scores it as research/secrets.md describes: a positive counts when a finding starts on its
 * labelled line; every other flagged `file:line` is a false alarm. Prints recall and precision per credential
 * type, per file context and overall, and the time taken.
 *
 *   pnpm bench:secrets            (add --json for machine-readable output, --verbose to list misses and false alarms)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, lintTextSync, type LintMessage } from '@promptlint/core';

interface Positive { file: string; line: number; type: string; context: string }
interface Negative { file: string; line: number; trap: string }

const root = fileURLToPath(new URL('../packages/core/test/fixtures/secrets/', import.meta.url));
const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8')) as { positives: Positive[]; negatives: Negative[] };
const rules = RULES.filter((r) => r.meta.category === 'secrets').map((rule) => ({ rule, severity: 2 as const }));

const files = [...new Set([...labels.positives.map((p) => p.file), ...labels.negatives.map((n) => n.file)])].sort();
const contextOf = new Map<string, string>();
for (const p of labels.positives) contextOf.set(p.file, p.context);
for (const n of labels.negatives) if (!contextOf.has(n.file)) contextOf.set(n.file, `negative:${n.file.split('.').pop()}`);

const texts = new Map(files.map((f) => [f, readFileSync(join(root, 'corpus', f), 'utf8')]));
const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
// One warm-up pass (JIT, lazy regex compilation), then the measured one.
for (const [file, text] of texts) lintTextSync(text, { filePath: file, rules });
const flagged = new Map<string, LintMessage[]>();
const t0 = performance.now();
for (const [file, text] of texts) {
  const result = lintTextSync(text, { filePath: file, rules });
  for (const m of result.messages) {
    if (!m.ruleId) continue;
    const key = `${file}:${m.line}`;
    flagged.set(key, [...(flagged.get(key) ?? []), m]);
  }
}
const ms = performance.now() - t0;

const positiveKeys = new Map(labels.positives.map((p) => [`${p.file}:${p.line}`, p]));
function typeOfFalseAlarm(ms: LintMessage[]): string {
  const m = ms[0]!;
  if (m.ruleId === 'provider-api-key') return `provider-api-key:${m.message.split(/ (?:[A-Za-z0-9_-]{0,20})…\[/)[0]}`;
  return m.ruleId!;
}

interface Score { tp: number; fn: number; fa: number }
const byType = new Map<string, Score>();
const byContext = new Map<string, Score>();
const score = (map: Map<string, Score>, k: string) => {
  let s = map.get(k);
  if (!s) map.set(k, (s = { tp: 0, fn: 0, fa: 0 }));
  return s;
};
const misses: Positive[] = [];
for (const p of labels.positives) {
  const hit = flagged.has(`${p.file}:${p.line}`);
  score(byType, p.type)[hit ? 'tp' : 'fn']++;
  score(byContext, p.context)[hit ? 'tp' : 'fn']++;
  if (!hit) misses.push(p);
}
const falseAlarms: { key: string; messages: LintMessage[] }[] = [];
for (const [key, messages] of flagged) {
  if (positiveKeys.has(key)) continue;
  falseAlarms.push({ key, messages });
  const file = key.slice(0, key.lastIndexOf(':'));
  score(byType, `(false alarm) ${typeOfFalseAlarm(messages)}`).fa++;
  score(byContext, contextOf.get(file) ?? 'unknown').fa++;
}
let tp = 0, fn = 0, fa = 0;
for (const s of byType.values()) {
  tp += s.tp;
  fn += s.fn;
  fa += s.fa;
}
const recall = tp / (tp + fn);
const precision = tp + fa ? tp / (tp + fa) : 1;
const f1 = (2 * precision * recall) / (precision + recall);

const fmt = (n: number) => n.toFixed(3);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ positives: labels.positives.length, negatives: labels.negatives.length, tp, fn, falseAlarms: fa, recall, precision, f1, ms, bytes, byType: Object.fromEntries(byType), byContext: Object.fromEntries(byContext) }, null, 2));
} else {
  const table = (title: string, map: Map<string, Score>) => {
    console.log(`\n| ${title} | positives | found | false alarms | recall | precision |\n|---|---|---|---|---|---|`);
    for (const [k, s] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) {
      const n = s.tp + s.fn;
      console.log(`| ${k} | ${n} | ${s.tp} | ${s.fa} | ${n ? fmt(s.tp / n) : '-'} | ${s.tp + s.fa ? fmt(s.tp / (s.tp + s.fa)) : '-'} |`);
    }
  };
  console.log(`secrets set: ${files.length} files, ${labels.positives.length} positives, ${labels.negatives.length} labelled negatives, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`recall ${fmt(recall)}  precision ${fmt(precision)}  F1 ${fmt(f1)}  (found ${tp}, missed ${fn}, false alarms ${fa})  ${ms.toFixed(0)} ms`);
  table('credential type', byType);
  table('file context', byContext);
  if (process.argv.includes('--verbose')) {
    for (const m of misses) console.log(`MISS ${m.type} ${m.file}:${m.line}`);
    for (const f of falseAlarms) console.log(`FALSE ALARM ${f.key} ${f.messages.map((m) => `${m.ruleId}: ${m.message}`).join(' | ')}`);
  }
}
