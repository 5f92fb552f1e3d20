/**
 * Lint the real-world corpus (../shared/corpus/real-world relative to the repository root) with every rule
 * (`promptlint:all`) and print, per folder: file count, parse failures, detected kinds and every finding.
 *
 *   node --conditions=source --import tsx scripts/corpus-report.ts [--json]
 *
 * The corpus is measurement data: parse failures point at adapter bugs, findings on these mostly benign
 * files are candidate false positives. Exits 0 (also when the corpus is absent).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText, resolveExtends, type FormatId, type LintResult, type LoadedConfig } from '@promptlint/core';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS_DIR = resolve(repoRoot, '..', 'shared', 'corpus', 'real-world');

/**
 * Corpus folder -> adapter. The folder names the format the files were collected as; the flattened file
 * names (`owner__repo__path`) do not always keep the name discovery would need (`.cursorrules`, `.snap`).
 */
export const FOLDER_FORMATS: Readonly<Record<string, FormatId>> = {
  'agents-md': 'markdown',
  'autogen-oai-config': 'json',
  'claude-md': 'markdown',
  'claude-settings': 'json',
  'copilot-agent-md': 'markdown',
  'copilot-instructions': 'markdown',
  'copilot-prompt-md': 'markdown',
  'cursor-mdc': 'markdown',
  cursorrules: 'markdown',
  'dify-dsl': 'yaml',
  dotprompt: 'dotprompt',
  'fabric-pattern': 'markdown',
  flowise: 'json',
  'github-models-prompt-yml': 'yaml',
  'langchain-hub': 'json',
  langflow: 'json',
  'mcp-config': 'json',
  'mcp-tools': 'json',
  n8n: 'json',
  promptfoo: 'yaml',
  prompty: 'prompty',
  'semantic-kernel-yaml': 'yaml',
  'skill-md': 'markdown',
};

export interface CorpusFile {
  readonly folder: string;
  readonly name: string;
  readonly path: string;
  readonly format: FormatId | undefined;
}

/** Every corpus file (MANIFEST.tsv excluded), grouped by folder; empty when the corpus is absent. */
export function corpusFiles(dir = CORPUS_DIR): Map<string, CorpusFile[]> {
  const out = new Map<string, CorpusFile[]>();
  if (!existsSync(dir)) return out;
  for (const folder of readdirSync(dir).sort()) {
    const fdir = join(dir, folder);
    if (!statSync(fdir).isDirectory()) continue;
    const files = readdirSync(fdir)
      .filter((n) => n !== 'MANIFEST.tsv' && statSync(join(fdir, n)).isFile())
      .sort()
      .map((name) => ({ folder, name, path: join(fdir, name), format: FOLDER_FORMATS[folder] }));
    out.set(folder, files);
  }
  return out;
}

/** The `promptlint:all` preset, without looking for a config file. */
export function allRulesConfig(): LoadedConfig {
  return { objects: resolveExtends([{ extends: ['promptlint:all'] }], repoRoot), basePath: repoRoot };
}

async function main(): Promise<void> {
  const asJson = process.argv.includes('--json');
  const folders = corpusFiles();
  if (!folders.size) {
    console.log(`Corpus not found at ${CORPUS_DIR}: nothing to report.`);
    return;
  }
  const config = allRulesConfig();
  const report: Record<string, { files: number; results: LintResult[] }> = {};
  let totalFiles = 0;
  let totalFailures = 0;
  let totalFindings = 0;
  for (const [folder, files] of folders) {
    const results: LintResult[] = [];
    for (const f of files) {
      const text = readFileSync(f.path, 'utf8');
      results.push(await lintText(text, { filePath: f.path, format: f.format, config }));
    }
    report[folder] = { files: files.length, results };
    totalFiles += files.length;
    if (asJson) continue;

    const failures = results.filter((r) => r.fatalErrorCount > 0);
    const kinds = new Map<string, number>();
    for (const r of results) kinds.set(`${r.format}/${r.kind}`, (kinds.get(`${r.format}/${r.kind}`) ?? 0) + 1);
    const findings = results.flatMap((r) => r.messages.filter((m) => !m.fatal).map((m) => ({ r, m })));
    totalFailures += failures.length;
    totalFindings += findings.length;
    const mapped = FOLDER_FORMATS[folder] ?? '(sniffed)';
    console.log(`\n## ${folder}  [${mapped}]  files: ${files.length}, parse failures: ${failures.length}, findings: ${findings.length}`);
    console.log(`   kinds: ${[...kinds].map(([k, n]) => `${k} x${n}`).join(', ')}`);
    for (const r of failures) {
      for (const m of r.messages.filter((x) => x.fatal)) console.log(`   PARSE FAILURE ${rel(r.filePath)}:${m.line}:${m.column} ${m.message}`);
    }
    for (const { r, m } of findings) console.log(`   ${rel(r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? '(none)'} ${m.message}`);
  }
  if (asJson) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`\nTotal: ${totalFiles} files in ${folders.size} folders, ${totalFailures} parse failures, ${totalFindings} findings.`);
}

function rel(p: string): string {
  return p.startsWith(CORPUS_DIR) ? p.slice(CORPUS_DIR.length + 1) : p;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
