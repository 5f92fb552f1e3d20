import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import type { LintMessage, LintResult } from './types.ts';
import { LineIndex } from './util/position.ts';

/**
 * Baselines: adopt promptlint on a legacy repository by recording today's findings and reporting only new ones.
 *
 * An entry is keyed on rule + file (relative, `/`-separated) + a content fingerprint: a keyed hash (HMAC-SHA256
 * with the baseline's per-project salt) of the finding's source text, never of its line number, so findings
 * survive edits elsewhere in the file. The salt makes the fingerprints of short secrets impossible to
 * brute-force without the baseline file itself; the file never holds a secret or a source excerpt.
 */
export interface BaselineEntry {
  readonly rule: string;
  readonly file: string;
  readonly fingerprint: string;
  /** Where it was when recorded: a hint for people, never used to match. */
  readonly line?: number;
}

export interface Baseline {
  readonly version: 1;
  readonly salt: string;
  readonly entries: readonly BaselineEntry[];
}

export class BaselineError extends Error {}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** The result's file path relative to `cwd`, with `/` separators. */
export function baselinePath(filePath: string, cwd: string): string {
  const rel = isAbsolute(filePath) ? relative(cwd, filePath) : filePath;
  return rel.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The source text a message covers (its whole line when the range is empty), whitespace collapsed. */
export function findingContent(message: LintMessage, text: string | undefined, lines?: LineIndex): string {
  if (text === undefined) return message.message;
  const index = lines ?? new LineIndex(text);
  const start = index.lineStart(message.line) + Math.max(0, message.column - 1);
  let end = message.endLine !== undefined && message.endColumn !== undefined ? index.lineStart(message.endLine) + Math.max(0, message.endColumn - 1) : start;
  if (end <= start) {
    const lineEnd = message.line < index.lineCount ? index.lineStart(message.line + 1) : text.length;
    return text.slice(index.lineStart(message.line), lineEnd).trim().replace(/\s+/g, ' ');
  }
  end = Math.min(end, text.length);
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

export function findingFingerprint(rule: string, content: string, salt: string): string {
  return createHmac('sha256', `promptlint-baseline:${salt}`).update(`${rule}\u0000${content}`).digest('hex').slice(0, 20);
}

export interface BaselineInput {
  readonly result: LintResult;
  /** The file's text (after BOM), when available. */
  readonly text?: string;
}

function entriesOf(input: BaselineInput, cwd: string, salt: string): BaselineEntry[] {
  const lines = input.text !== undefined ? new LineIndex(input.text) : undefined;
  const file = baselinePath(input.result.filePath, cwd);
  return input.result.messages
    .filter((m) => m.ruleId)
    .map((m) => ({ rule: m.ruleId!, file, fingerprint: findingFingerprint(m.ruleId!, findingContent(m, input.text, lines), salt), line: m.line }));
}

/** Record every rule finding of `inputs` (parse errors and notices are not recorded). */
export function createBaseline(inputs: readonly BaselineInput[], cwd: string, salt = newSalt()): Baseline {
  const entries = inputs.flatMap((i) => entriesOf(i, cwd, salt));
  entries.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  return { version: 1, salt, entries };
}

/**
 * Drop findings recorded in the baseline; return the results with only new findings (counts recomputed).
 * Matching is a multiset on (rule, file, fingerprint), so a second copy of a recorded finding is new.
 */
export function applyBaseline(inputs: readonly BaselineInput[], baseline: Baseline, cwd: string): LintResult[] {
  const budget = new Map<string, number>();
  for (const e of baseline.entries) {
    const k = `${e.rule}\u0000${e.file}\u0000${e.fingerprint}`;
    budget.set(k, (budget.get(k) ?? 0) + 1);
  }
  return inputs.map((input) => {
    const lines = input.text !== undefined ? new LineIndex(input.text) : undefined;
    const file = baselinePath(input.result.filePath, cwd);
    const messages = input.result.messages.filter((m) => {
      if (!m.ruleId) return true;
      const k = `${m.ruleId}\u0000${file}\u0000${findingFingerprint(m.ruleId, findingContent(m, input.text, lines), baseline.salt)}`;
      const n = budget.get(k) ?? 0;
      if (n <= 0) return true;
      budget.set(k, n - 1);
      return false;
    });
    return {
      ...input.result,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
      fatalErrorCount: messages.filter((m) => m.fatal).length,
      fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
      fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
    };
  });
}

/** Read a baseline file; a missing or malformed file is an error (the caller exits 2). */
export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new BaselineError(`Baseline file not found: ${path}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BaselineError(`Baseline file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  if (!b || b.version !== 1 || typeof b.salt !== 'string' || !Array.isArray(b.entries)) throw new BaselineError(`Baseline file ${path} is not a promptlint baseline (version 1)`);
  for (const e of b.entries) {
    if (!e || typeof e.rule !== 'string' || typeof e.file !== 'string' || typeof e.fingerprint !== 'string') throw new BaselineError(`Baseline file ${path} has a malformed entry`);
  }
  return b as Baseline;
}

/** The salt of an existing baseline (so rewriting one keeps fingerprints stable), if any. */
export function existingSalt(path: string): string | undefined {
  try {
    return readBaseline(path).salt;
  } catch {
    return undefined;
  }
}

export function writeBaseline(path: string, baseline: Baseline): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}
