/**
 * Helpers for the agency rule tests (not a test file itself): like `_helpers.ts`, for category `agency`.
 */
import type { LintMessage, SecuritySeverity } from '@promptlint/core';
import { assertFindings, type Location } from './_helpers.ts';

export interface AgencyExpected {
  readonly messageId: string;
  readonly securitySeverity: SecuritySeverity;
  readonly at: Location;
  readonly message?: readonly string[];
  readonly severity?: 1 | 2;
}

export function assertAgency(ruleId: string, messages: readonly LintMessage[], expected: readonly AgencyExpected[]): void {
  assertFindings(messages, expected.map((e) => ({ ...e, ruleId, category: 'agency' })));
}
