/** Helpers for the org-pattern rule tests (not a test file itself). */
import assert from 'node:assert/strict';
import type { LintMessage, SecuritySeverity } from '@promptlint/core';
import type { Location } from './_helpers.ts';

export interface OrgExpected {
  readonly ruleId: string;
  readonly category: string;
  readonly messageId: string;
  readonly securitySeverity: SecuritySeverity;
  readonly at: Location;
  readonly message?: readonly string[];
  readonly notInMessage?: readonly string[];
}

/** Exactly these findings, in order: rule, category, message id, security severity and exact range. */
export function assertOrgFindings(messages: readonly LintMessage[], expected: readonly OrgExpected[]): void {
  assert.equal(messages.length, expected.length, `expected ${expected.length} finding(s), got:\n${messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId} ${m.message}`).join('\n')}`);
  expected.forEach((e, i) => {
    const m = messages[i]!;
    assert.equal(m.ruleId, e.ruleId);
    assert.equal(m.category, e.category);
    assert.equal(m.messageId, e.messageId, m.message);
    assert.equal(m.securitySeverity, e.securitySeverity, m.message);
    assert.deepEqual({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }, { line: e.at.line, column: e.at.column, endLine: e.at.endLine, endColumn: e.at.endColumn }, m.message);
    for (const s of e.message ?? []) assert.ok(m.message.includes(s), `message should contain '${s}': ${m.message}`);
    for (const s of e.notInMessage ?? []) assert.ok(!m.message.includes(s), `message must not contain '${s}': ${m.message}`);
  });
}
