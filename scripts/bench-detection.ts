/**
 * Detection benchmark: lint the labelled corpus (../shared/corpus/labelled/*.jsonl relative to the repository
 * root) in-process with the default `promptlint:recommended` config and print recall on attack rows and the
 * false-positive rate on benign rows.
 *
 *   pnpm bench:detection            (node --conditions=source --import tsx scripts/bench-detection.ts)
 *   ... scripts/bench-detection.ts --verbose   also lists missed attacks and flagged benign rows
 *
 * MCP datasets are linted as the description of a tool in an MCP `tools/list` result (JSON built with
 * JSON.stringify, so escapes are exercised); every other row as a Markdown prompt. A row counts as flagged
 * when it gets an error-severity finding in category `injection` or `exfiltration`.
 * Exits 0, also when the corpus is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintText, loadConfig, type LintMessage, type LoadedConfig } from '@promptlint/core';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const LABELLED = resolve(repoRoot, '..', 'shared', 'corpus', 'labelled');
const MCP_DATASETS = new Set(['cisco_mcp_yara_fixtures', 'mcp_reference_servers_tool_descriptions']);
/** Benign rows pooled for the headline false-positive rate. */
const POOLED_BENIGN = new Set([
  'notinject_benign_trigger_words', 'fabric_patterns_sample', 'mcp_reference_servers_tool_descriptions', 'awesome_chatgpt_prompts_sample', 'cisco_mcp_yara_fixtures',
]);
const verbose = process.argv.includes('--verbose');

interface Row {
  readonly text: string;
  readonly label: string;
  readonly subcategory?: string;
}

export function toolsListDocument(description: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'bench_tool', description, inputSchema: { type: 'object', properties: {} } }] } }, null, 2);
}

function flagging(messages: readonly LintMessage[]): LintMessage[] {
  return messages.filter((m) => m.severity === 2 && (m.category === 'injection' || m.category === 'exfiltration'));
}

async function lintRow(text: string, mcp: boolean, config: LoadedConfig): Promise<LintMessage[]> {
  const result = mcp
    ? await lintText(toolsListDocument(text), { filePath: 'x.tools-list.json', config })
    : await lintText(text, { filePath: 'prompt.md', config });
  return flagging(result.messages);
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a';
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

interface Tally {
  flagged: number;
  total: number;
}

async function main(): Promise<void> {
  if (!existsSync(LABELLED)) {
    console.log(`Labelled corpus not found at ${LABELLED}: skipping the detection benchmark.`);
    return;
  }
  const config = await loadConfig({ useConfigFile: false });
  const files = readdirSync(LABELLED).filter((f) => f.endsWith('.jsonl')).sort();
  const pooled: Tally = { flagged: 0, total: 0 };
  const attacks: Tally = { flagged: 0, total: 0 };
  const t0 = performance.now();
  console.log(`Detection benchmark: promptlint:recommended, flagged = an error in category injection or exfiltration\n`);
  console.log(`${pad('dataset', 42)} ${pad('label', 10)} ${pad('flagged/total', 14)} rate`);
  for (const file of files) {
    const name = file.replace(/\.jsonl$/, '');
    const rows: Row[] = readFileSync(join(LABELLED, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
    const mcp = MCP_DATASETS.has(name);
    const byLabel = new Map<string, Tally>();
    const notes: string[] = [];
    for (const row of rows) {
      const found = await lintRow(row.text, mcp, config);
      const t = byLabel.get(row.label) ?? { flagged: 0, total: 0 };
      t.total++;
      if (found.length) t.flagged++;
      byLabel.set(row.label, t);
      const attack = row.label !== 'benign';
      if (attack) {
        attacks.total++;
        if (found.length) attacks.flagged++;
      } else if (POOLED_BENIGN.has(name)) {
        pooled.total++;
        if (found.length) pooled.flagged++;
      }
      if (verbose && attack && !found.length) notes.push(`  missed ${row.subcategory ?? row.label}: ${JSON.stringify(row.text.slice(0, 140))}`);
      if (verbose && !attack && found.length) notes.push(`  FP ${found.map((m) => `${m.ruleId}@${m.line}:${m.column}`).join(',')}: ${JSON.stringify(row.text.slice(0, 140))}`);
    }
    for (const [label, t] of [...byLabel].sort()) {
      const what = label === 'benign' ? `false positives ${pct(t.flagged, t.total)}` : `recall ${pct(t.flagged, t.total)}`;
      console.log(`${pad(name, 42)} ${pad(label, 10)} ${pad(`${t.flagged}/${t.total}`, 14)} ${what}`);
    }
    for (const n of notes) console.log(n);
  }

  const unicodeLib = join(repoRoot, 'scripts', 'lib', 'unicode-cases.ts');
  if (existsSync(unicodeLib)) {
    const mod = (await import(pathToFileURL(unicodeLib).href)) as { UNICODE_ATTACKS?: { name: string; text: string }[]; UNICODE_BENIGN?: { name: string; text: string }[] };
    for (const [label, cases] of [['attack', mod.UNICODE_ATTACKS ?? []], ['benign', mod.UNICODE_BENIGN ?? []]] as const) {
      let flagged = 0;
      const notes: string[] = [];
      for (const c of cases) {
        const found = await lintRow(c.text, false, config);
        if (found.length) flagged++;
        if (verbose && (label === 'attack') !== (found.length > 0)) notes.push(`  ${label === 'attack' ? 'missed' : 'FP'} ${c.name}`);
      }
      const what = label === 'benign' ? `false positives ${pct(flagged, cases.length)}` : `recall ${pct(flagged, cases.length)}`;
      console.log(`${pad('generated hidden-Unicode cases', 42)} ${pad(label, 10)} ${pad(`${flagged}/${cases.length}`, 14)} ${what}`);
      for (const n of notes) console.log(n);
    }
  } else {
    console.log(`(scripts/lib/unicode-cases.ts not present: hidden-Unicode section skipped)`);
  }

  console.log(`\nPooled benign (NotInject, fabric, MCP reference descriptions, awesome-chatgpt-prompts benign, Cisco benign): ${pooled.flagged}/${pooled.total} flagged = ${pct(pooled.flagged, pooled.total)}`);
  console.log(`All attack rows: ${attacks.flagged}/${attacks.total} flagged = ${pct(attacks.flagged, attacks.total)}`);
  console.log(`Time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
