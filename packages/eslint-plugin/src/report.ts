/**
 * Reporting core findings through ESLint: raw offsets become ESLint locations, core fixes and suggestions
 * become fixer calls, message data is masked, and each finding's security severity is remembered for the
 * plugin's formatters (ESLint's message shape has no field for it).
 */
import { sanitize, type Fix, type ReportDescriptor, type SecuritySeverity } from '@promptlint/core';

/** Minimal view of ESLint's rule context that both the language rules and the JS/TS rules share. */
export interface ReportContext {
  readonly filename: string;
  readonly sourceCode: { getLocFromIndex(index: number): { line: number; column: number }; text: string };
  report(descriptor: Record<string, unknown>): void;
}

/**
 * Per-finding security severities, shared through a global registry key so the formatters find them even when
 * they are loaded from another copy of this module (a bundle, a different path to the same package).
 */
const REGISTRY = Symbol.for('eslint-plugin-promptlint.securitySeverities');
const severities: Map<string, SecuritySeverity> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map()) as Map<string, SecuritySeverity>;

function key(file: string, line: number, column: number, endLine: number, endColumn: number, messageId: string): string {
  return `${file}\0${line}:${column}:${endLine}:${endColumn}\0${messageId}`;
}

/** The security severity a plugin rule gave a finding (for the JSON and SARIF formatters). */
export function securitySeverityOf(file: string, m: { line: number; column: number; endLine?: number; endColumn?: number; messageId?: string }): SecuritySeverity | undefined {
  return severities.get(key(file, m.line, m.column, m.endLine ?? m.line, m.endColumn ?? m.column, m.messageId ?? ''));
}

export function rememberSeverity(file: string, loc: { start: { line: number; column: number }; end: { line: number; column: number } }, messageId: string, severity: SecuritySeverity): void {
  if (severities.size > 200_000) severities.clear();
  severities.set(key(file, loc.start.line, loc.start.column, loc.end.line, loc.end.column, messageId), severity);
}

/** Mask every string in a message's data (the core engine masks the formatted message; ESLint formats later). */
export function maskData(data: Readonly<Record<string, string | number>> | undefined): Record<string, string | number> | undefined {
  if (!data) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? sanitize(v) : v;
  return out;
}

type Fixer = { replaceTextRange(range: [number, number], text: string): unknown };

function fixer(fix: Fix, shift: number) {
  return (f: Fixer) => fix.edits.map((e) => f.replaceTextRange([e.start + shift, e.end + shift], e.text));
}

export interface ReportOptions {
  /** Added to every raw offset (0 for prompt files; the literal's offset when core text was cut out of code). */
  readonly shift?: number;
  readonly defaultSeverity: SecuritySeverity;
  readonly fixable: boolean;
  readonly hasSuggestions: boolean;
  /** Clamp offsets to this range of the file text. */
  readonly textLength: number;
  /** The language counts columns from 0 (ESLint's JavaScript): output columns are one more. */
  readonly zeroBasedColumns?: boolean;
}

/** Report one core descriptor through ESLint. */
export function reportCore(context: ReportContext, d: ReportDescriptor, options: ReportOptions): void {
  const shift = options.shift ?? 0;
  const start = Math.max(0, Math.min(d.start + shift, options.textLength));
  const end = Math.max(start, Math.min(d.end + shift, options.textLength));
  const sc = context.sourceCode;
  const loc = { start: sc.getLocFromIndex(start), end: sc.getLocFromIndex(end) };
  const descriptor: Record<string, unknown> = { loc, messageId: d.messageId, data: maskData(d.data) };
  if (d.fix && options.fixable && d.fix.edits.length) descriptor.fix = fixer(d.fix, shift);
  if (d.suggestions?.length && options.hasSuggestions) {
    descriptor.suggest = d.suggestions.map((s) => ({ desc: sanitize(s.desc), fix: fixer(s.fix, shift) }));
  }
  const k = options.zeroBasedColumns ? 1 : 0;
  const out = { start: { line: loc.start.line, column: loc.start.column + k }, end: { line: loc.end.line, column: loc.end.column + k } };
  rememberSeverity(context.filename, out, d.messageId, d.securitySeverity ?? options.defaultSeverity);
  context.report(descriptor);
}
