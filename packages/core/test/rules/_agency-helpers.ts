/**
 * Helpers for the agency rule tests (not a test file itself): like `_helpers.ts`, for category `agency`.
 */
import assert from 'node:assert/strict';
import type { LintMessage, SecuritySeverity } from '@promptlint/core';
import type { Location } from './_helpers.ts';

export interface AgencyExpected {
  readonly messageId: string;
  readonly securitySeverity: SecuritySeverity;
  readonly at: Location;
  readonly message?: readonly string[];
  readonly severity?: 1 | 2;
}

export function assertAgency(ruleId: string, messages: readonly LintMessage[], expected: readonly AgencyExpected[]): void {
  assert.equal(messages.length, expected.length, `expected ${expected.length} finding(s), got:\n${messages.map((m) => `  ${m.line}:${m.column}-${m.endColumn} ${m.ruleId} ${m.securitySeverity} ${m.message}`).join('\n')}`);
  expected.forEach((e, i) => {
    const m = messages[i]!;
    assert.equal(m.ruleId, ruleId);
    assert.equal(m.category, 'agency');
    assert.equal(m.messageId, e.messageId, m.message);
    assert.equal(m.securitySeverity, e.securitySeverity, m.message);
    assert.equal(m.severity, e.severity ?? 2);
    assert.deepEqual(
      { line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn },
      { line: e.at.line, column: e.at.column, endLine: e.at.endLine, endColumn: e.at.endColumn },
      `position of: ${m.message}`,
    );
    for (const s of e.message ?? []) assert.ok(m.message.includes(s), `message should contain '${s}': ${m.message}`);
  });
}
