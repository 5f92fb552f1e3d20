/**
 * Every core rule as an ESLint rule with the same id, messages, category, positions, fixes and suggestions.
 * The rule runs the core rule on the core document (from the `promptlint/prompt` AST, or parsed from the
 * text when another language such as @eslint/markdown owns the file). No rule logic lives here.
 */
import {
  parseDocument, sanitize, sniffFormat, type PromptDocument, type PromptlintSettings, type ReportDescriptor, type Rule, type RuleContext,
} from '@promptlint/core';
import { reportCore, type ReportContext } from './report.ts';
import type { PromptRoot } from './language.ts';

/** Languages the wrapped rules read: ours, and the text of Markdown and JSON files owned by ESLint's plugins. */
export const PROMPT_RULE_LANGUAGES = ['promptlint/prompt', 'markdown/*', 'json/*'] as const;

/** Same cap as the core engine: a hostile file cannot flood the output. */
const MAX_FINDINGS_PER_RULE = 1000;

export interface EslintRuleContext extends ReportContext {
  readonly options: readonly unknown[];
  readonly settings: Record<string, unknown>;
  readonly languageOptions?: Record<string, unknown>;
  readonly sourceCode: ReportContext['sourceCode'] & { ast: unknown; document?: PromptDocument };
}

/** `settings.promptlint` (the CLI's shape). */
export function promptlintSettings(settings: Record<string, unknown> | undefined): PromptlintSettings {
  const s = settings?.promptlint;
  return s && typeof s === 'object' ? (s as PromptlintSettings) : {};
}

const foreignDocs = new WeakMap<object, PromptDocument>();

/** The core document of the file being linted. */
function documentOf(context: EslintRuleContext): PromptDocument {
  const sc = context.sourceCode;
  if (sc.document) return sc.document;
  const root = sc.ast as Partial<PromptRoot> | undefined;
  if (root?.document) return root.document;
  // Another language owns the file (Markdown, JSON): read its text with the core adapter for that file.
  let doc = foreignDocs.get(sc);
  if (!doc) {
    const path = context.filename;
    const format = root && (root as { type?: string }).type === 'root' ? 'markdown' : sniffFormat(path, sc.text);
    doc = parseDocument({ path, text: sc.text }, format);
    foreignDocs.set(sc, doc);
  }
  return doc;
}

/** Run a core rule over a document and hand each (deduplicated) descriptor to `emit`. Mirrors the engine's loop. */
export function runCoreRule(rule: Rule<any>, doc: PromptDocument, options: Record<string, unknown>, settings: PromptlintSettings, emit: (d: ReportDescriptor) => void): void {
  const seen = new Set<string>();
  const context: RuleContext<any> = {
    document: doc,
    options: { ...(rule.meta.defaultOptions ?? {}), ...options },
    settings,
    report(d) {
      if (seen.size >= MAX_FINDINGS_PER_RULE) return;
      const k = `${d.start}:${d.end}:${d.messageId}`;
      if (seen.has(k)) return;
      seen.add(k);
      emit(d);
    },
  };
  if (rule.checkSegment) {
    for (const segment of doc.segments) {
      if (rule.contexts && !rule.contexts.includes(segment.context) && segment.context !== 'raw') continue;
      rule.checkSegment(segment, context);
    }
  }
  rule.checkDocument?.(doc, context);
}

/**
 * Run a core rule as the engine does: a rule that throws is reported as an internal error at the start of the
 * file (its own findings so far are kept), and the rest of the lint run goes on.
 */
export function runCoreRuleSafely(
  rule: Rule<any>, doc: PromptDocument, options: Record<string, unknown>, settings: PromptlintSettings,
  emit: (d: ReportDescriptor) => void, onError: (message: string) => void,
): void {
  try {
    runCoreRule(rule, doc, options, settings, emit);
  } catch (e) {
    onError(`Internal error in rule ${rule.meta.id}: ${(e as Error).message}`);
  }
}

export interface WrappedRule {
  meta: Record<string, any>;
  create(context: any): Record<string, (node: any) => void>;
}

/** ESLint `meta` for a core rule. */
export function eslintMeta(rule: Rule<any>, languages: readonly string[]): Record<string, any> {
  const m = rule.meta;
  return {
    type: m.type,
    docs: {
      description: m.docs.description,
      url: m.docs.url,
      category: m.category,
      preset: m.docs.preset,
      recommended: m.docs.preset === 'recommended',
      securitySeverity: m.securitySeverity,
    },
    messages: { ...m.messages },
    schema: m.schema ? [m.schema] : [],
    ...(m.defaultOptions ? { defaultOptions: [m.defaultOptions] } : {}),
    ...(m.fixable ? { fixable: m.fixable } : {}),
    ...(m.hasSuggestions ? { hasSuggestions: true } : {}),
    languages: [...languages],
  };
}

export function wrapCoreRule(rule: Rule<any>): WrappedRule {
  return {
    meta: eslintMeta(rule, PROMPT_RULE_LANGUAGES),
    create(context: EslintRuleContext) {
      const visit = (node: unknown) => {
        if (node !== context.sourceCode.ast) return;
        const doc = documentOf(context);
        const textLength = context.sourceCode.text.length;
        const opts = { defaultSeverity: rule.meta.securitySeverity, fixable: !!rule.meta.fixable, hasSuggestions: !!rule.meta.hasSuggestions, textLength };
        const options = (context.options[0] as Record<string, unknown> | undefined) ?? {};
        runCoreRuleSafely(rule, doc, options, promptlintSettings(context.settings), (d) => reportCore(context, d, opts), (message) =>
          context.report({ loc: { start: context.sourceCode.getLocFromIndex(0), end: context.sourceCode.getLocFromIndex(0) }, message: sanitize(message) }),
        );
      };
      // `Document`: our root (and @eslint/json's); `root`: @eslint/markdown's.
      return { Document: visit, root: visit };
    },
  };
}
