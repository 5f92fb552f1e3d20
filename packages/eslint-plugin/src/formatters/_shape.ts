/**
 * ESLint results in promptlint's JSON result shape (docs/schema/results-v1.schema.json): no `source`, messages
 * masked once more, `category` and `securitySeverity` from the plugin's rules.
 */
import { sanitize, type Category, type LintMessage, type LintResult, type SecuritySeverity, type SuppressedMessage } from '@promptlint/core';
import { securitySeverityOf } from '../report.ts';

export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  suppressions?: { kind: string; justification: string }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages?: EslintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
  source?: string;
}

export interface FormatterContext {
  cwd?: string;
  rulesMeta?: Record<string, { docs?: { category?: Category; securitySeverity?: SecuritySeverity; url?: string; description?: string }; type?: string }>;
}

/** A message of the JSON contract (core's LintMessage), with the suppressions of a suppressed one. */
export type ShapedMessage = LintMessage & { suppressions?: SuppressedMessage['suppressions'] };

/** The plugin's rules under their bare ids, as the CLI writes them (`promptlint/x` → `x`); other rules as they are. */
export function bareRuleId(ruleId: string | null): string | null {
  return ruleId?.startsWith('promptlint/') ? ruleId.slice('promptlint/'.length) : ruleId;
}

export function shapeMessage(filePath: string, m: EslintMessage, context: FormatterContext): ShapedMessage {
  const meta = m.ruleId ? context.rulesMeta?.[m.ruleId] : undefined;
  const out: ShapedMessage = {
    ruleId: bareRuleId(m.ruleId),
    severity: m.severity === 2 ? 2 : 1,
    message: sanitize(m.message),
    line: m.line ?? 1,
    column: m.column ?? 1,
  };
  if (meta?.docs?.category && m.ruleId?.startsWith('promptlint/')) out.category = meta.docs.category;
  const sec = m.ruleId?.startsWith('promptlint/') ? (securitySeverityOf(filePath, m) ?? meta?.docs?.securitySeverity) : undefined;
  if (sec) out.securitySeverity = sec;
  if (m.messageId) out.messageId = m.messageId;
  if (m.endLine !== undefined) out.endLine = m.endLine;
  if (m.endColumn !== undefined) out.endColumn = m.endColumn;
  if (m.fatal) out.fatal = true;
  if (m.fix) out.fix = { range: m.fix.range, text: m.fix.text };
  if (m.suggestions?.length) out.suggestions = m.suggestions.map((s) => ({ desc: sanitize(s.desc), fix: { range: s.fix.range, text: s.fix.text } }));
  if (m.suppressions) out.suppressions = m.suppressions.map((s) => ({ kind: 'directive', justification: s.justification ?? '' }));
  return out;
}

/** A result of the JSON contract (core's LintResult, without the CLI-only `format` and `kind`). */
export type ShapedResult = Omit<LintResult, 'messages' | 'suppressedMessages' | 'format' | 'kind'> & {
  messages: ShapedMessage[];
  suppressedMessages: ShapedMessage[];
};

/** A result without `source` (which holds the whole file, secrets included). */
export function shapeResult(r: EslintResult, context: FormatterContext): ShapedResult {
  return {
    filePath: r.filePath,
    messages: r.messages.map((m) => shapeMessage(r.filePath, m, context)),
    suppressedMessages: (r.suppressedMessages ?? []).map((m) => shapeMessage(r.filePath, m, context)),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fatalErrorCount: r.fatalErrorCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
    ...(r.output !== undefined ? { output: r.output } : {}),
  };
}
