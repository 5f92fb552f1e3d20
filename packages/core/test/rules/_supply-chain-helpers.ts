/** Helpers for the supply-chain rule tests (not a test file itself). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintText, ruleById, type LintMessage, type SecuritySeverity } from '@promptlint/core';
import type { Location } from './_helpers.ts';
import { CORPUS_DIR, corpusFiles, type CorpusFile } from '../../../../scripts/corpus-report.ts';

export { lint, loc, repeatTo, ADVERSARIAL_BUDGET_MS, type Location } from './_helpers.ts';

export interface Want {
  readonly messageId: string;
  readonly securitySeverity: SecuritySeverity;
  readonly at: Location;
  readonly message?: readonly string[];
  readonly notInMessage?: readonly string[];
}

/** Assert exactly these findings of `ruleId` (category supply-chain), in order. */
export function expectFindings(ruleId: string, messages: readonly LintMessage[], wants: readonly Want[]): void {
  assert.equal(messages.length, wants.length, `expected ${wants.length} finding(s), got:\n${messages.map((m) => `  ${m.line}:${m.column}-${m.endColumn} ${m.ruleId} ${m.securitySeverity} ${m.message}`).join('\n')}`);
  wants.forEach((w, i) => {
    const m = messages[i]!;
    assert.equal(m.ruleId, ruleId);
    assert.equal(m.category, 'supply-chain');
    assert.equal(m.severity, 2);
    assert.equal(m.messageId, w.messageId, m.message);
    assert.equal(m.securitySeverity, w.securitySeverity, m.message);
    assert.deepEqual(
      { line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn },
      { line: w.at.line, column: w.at.column, endLine: w.at.endLine, endColumn: w.at.endColumn },
      `position of: ${m.message}`,
    );
    for (const s of w.message ?? []) assert.ok(m.message.includes(s), `message should contain '${s}': ${m.message}`);
    for (const s of w.notInMessage ?? []) assert.ok(!m.message.includes(s), `message must not contain '${s}': ${m.message}`);
  });
}

export { CORPUS_DIR };

/** Every file of the real-world corpus with its folder's format; [] when the corpus is absent. */
export function realWorldFiles(): CorpusFile[] {
  return [...corpusFiles().values()].flat();
}

/** Lint one corpus file with one rule, under its original relative path (`owner__repo__path` names). */
export async function lintCorpusFile(ruleId: string, file: CorpusFile): Promise<LintMessage[]> {
  const rule = ruleById(ruleId)!;
  const text = readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '');
  const parts = file.name.split('__');
  const filePath = parts.length > 2 ? parts.slice(2).join('/') : file.name;
  const result = await lintText(text, { filePath, format: file.format, rules: [{ rule, severity: 2 }] });
  return result.messages;
}
