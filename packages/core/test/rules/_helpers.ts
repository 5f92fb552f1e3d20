/**
 * Shared helpers for the rule tests (not a test file itself).
 *
 * Expected positions are computed from the test's own text with `loc()`: a finding must cover exactly the
 * substring the test names, which is independent of how the adapter or the rule computes offsets.
 */
import assert from 'node:assert/strict';
import { lintText, ruleById, type Category, type LintMessage, type PromptlintSettings, type SecuritySeverity } from '@promptlint/core';

export interface LintOptions {
  readonly settings?: PromptlintSettings;
  readonly options?: Record<string, unknown>;
  readonly allowInlineConfig?: boolean;
}

/** Lint `text` as `filePath` with one rule at severity 2; returns the rule's messages (and fatal ones). */
export async function lint(ruleId: string, text: string, filePath: string, opts: LintOptions = {}): Promise<LintMessage[]> {
  const rule = ruleById(ruleId);
  assert.ok(rule, `unknown rule ${ruleId}`);
  const result = await lintText(text, {
    filePath,
    rules: [{ rule, severity: 2, options: opts.options }],
    settings: opts.settings,
    allowInlineConfig: opts.allowInlineConfig,
  });
  return result.messages;
}

/** Lint and also return suppressed messages. */
export async function lintAll(ruleId: string, text: string, filePath: string, opts: LintOptions = {}) {
  const rule = ruleById(ruleId);
  assert.ok(rule, `unknown rule ${ruleId}`);
  return lintText(text, { filePath, rules: [{ rule, severity: 2, options: opts.options }], settings: opts.settings });
}

export interface Location {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** 1-based line/column range of the `occurrence`-th (1-based) occurrence of `needle` in `text`. */
export function loc(text: string, needle: string, occurrence = 1): Location {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' (occurrence ${occurrence}) not found in the test text`);
  }
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return { line, column: offset - lineStart + 1 };
  };
  const s = position(at);
  const e = position(at + needle.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

export interface Expected {
  readonly ruleId: string;
  /** Category of the rule (default `exfiltration`). */
  readonly category?: Category;
  readonly messageId: string;
  readonly securitySeverity: SecuritySeverity;
  /** The finding covers exactly this range. */
  readonly at: Location;
  /** Substrings the message must contain. */
  readonly message?: readonly string[];
  /** Substrings the message must not contain (secrets, query strings). */
  readonly notInMessage?: readonly string[];
  readonly severity?: 1 | 2;
}

/** Assert one finding in full: rule, category, position, message id and text, security severity. */
export function assertFinding(m: LintMessage | undefined, e: Expected): void {
  assert.ok(m, `expected a ${e.ruleId} finding, got none`);
  assert.equal(m.ruleId, e.ruleId);
  assert.equal(m.category, e.category ?? 'exfiltration');
  assert.equal(m.messageId, e.messageId, m.message);
  assert.equal(m.securitySeverity, e.securitySeverity, m.message);
  assert.equal(m.severity, e.severity ?? 2);
  assert.deepEqual(
    { line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn },
    { line: e.at.line, column: e.at.column, endLine: e.at.endLine, endColumn: e.at.endColumn },
    `position of: ${m.message}`,
  );
  for (const s of e.message ?? []) assert.ok(m.message.includes(s), `message should contain '${s}': ${m.message}`);
  for (const s of e.notInMessage ?? []) assert.ok(!m.message.includes(s), `message must not contain '${s}': ${m.message}`);
}

/** Assert that the messages hold exactly the expected findings, in order. */
export function assertFindings(messages: readonly LintMessage[], expected: readonly Expected[]): void {
  assert.equal(messages.length, expected.length, `expected ${expected.length} finding(s), got:\n${messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId} ${m.message}`).join('\n')}`);
  expected.forEach((e, i) => assertFinding(messages[i], e));
}

/** Assert no findings (and no parse error). */
export function assertClean(messages: readonly LintMessage[]): void {
  assert.deepEqual(messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message}`), []);
}

/** A string of about `bytes` characters made by repeating `unit`. */
export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length));
}

/** Upper bound for the adversarial-input tests: generous, so slow CI machines do not flake. */
export const ADVERSARIAL_BUDGET_MS = 5000;
