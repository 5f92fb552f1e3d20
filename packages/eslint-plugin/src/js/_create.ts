import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { docsUrl, sanitize, segmentRange, type Category, type PromptDocument, type SecuritySeverity, type TextSegment } from '@promptlint/core';

/** Rule docs of the JS/TS rules: the same fields the wrapped core rules carry. */
export interface CodeRuleDocs {
  description: string;
  category: Category;
  preset: 'recommended' | 'strict' | 'all';
  recommended: boolean;
  securitySeverity: SecuritySeverity;
  /** Severity the presets give the rule. */
  defaultSeverity: 'error' | 'warn';
}

/** `RuleCreator` with promptlint's docs URLs. */
export const createRule = ESLintUtils.RuleCreator<CodeRuleDocs>((name) => docsUrl(name));

/** Languages of the JS/TS rules (ESLint's JavaScript language; typescript-eslint's parser runs inside it). */
export const CODE_RULE_LANGUAGES = ['js/js'];

/** A rule module with `meta.languages` (ESLint ≥ 10.2 checks it; ESLint 9 ignores it). */
export function withLanguages<T extends { meta: object }>(rule: T): T {
  (rule.meta as { languages?: string[] }).languages = [...CODE_RULE_LANGUAGES];
  return rule;
}

/**
 * A core document over code strings. Offsets are offsets in the source file; the document's text is the source
 * with everything but those strings blanked (line breaks kept), so a core rule that scans the whole text (hidden
 * Unicode) sees exactly the strings, at their own positions, and never the rest of the code.
 */
export function codeDocument(path: string, text: string, segments: TextSegment[], nodes: PromptDocument['nodes'] = []): PromptDocument {
  const chars = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    chars[i] = c === '\n' || c === '\r' ? c : ' ';
  }
  for (const seg of segments) {
    const r = segmentRange(seg, 0, seg.value.length);
    for (let i = r.start; i < r.end && i < text.length; i++) chars[i] = text[i]!;
  }
  return { file: { path, text: chars.join('') }, format: 'text', kind: 'generic', segments, nodes, comments: [] };
}

export type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Report a core rule's internal error at the start of a JS/TS file (ESLint's JavaScript columns start at 0). */
export function internalError(context: { report(d: never): void }): (message: string) => void {
  return (message) => context.report({ loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } }, message: sanitize(message) } as never);
}
