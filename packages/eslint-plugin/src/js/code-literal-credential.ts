/**
 * A credential written as a string or template literal anywhere in code. Runs the core's secrets text rules on
 * every string; while the core registers none, it falls back to the core's masking shapes (`sanitize`), which know
 * the public token formats (OpenAI, Anthropic, GitHub, AWS, Google, Slack, Stripe, JWT, …). Messages quote only a
 * masked form.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { RULES, maskSecret, sanitize, type Rule, type Suggestion, type TextSegment } from '@promptlint/core';
import { createRule, codeDocument, internalError, withLanguages } from './_create.ts';
import { literalString, templateString, type CodeString } from './_strings.ts';
import { promptlintSettings, runCoreRuleSafely } from '../core-rules.ts';
import { reportCore } from '../report.ts';
import { messageKey } from './prompt-in-code.ts';

/** The core's secrets text rules. */
export function coreSecretRules(): Rule<any>[] {
  return RULES.filter((r) => r.checkSegment && r.meta.category === 'secrets');
}

function messages(): Record<string, string> {
  const out: Record<string, string> = {
    literalCredential: 'String literal holds a credential ({{masked}}): anyone with the code has the key. Read it from the environment or a secret manager.',
  };
  for (const r of coreSecretRules()) for (const [id, text] of Object.entries(r.meta.messages)) out[messageKey(r.meta.id, id)] = text;
  return out;
}

/** The span `sanitize` masks: common prefix and suffix of the text and its sanitised form removed. */
function maskedSpan(value: string): { start: number; end: number } | undefined {
  const clean = sanitize(value);
  if (clean === value) return undefined;
  let p = 0;
  while (p < value.length && p < clean.length && value[p] === clean[p]) p++;
  let s = 0;
  while (s < value.length - p && s < clean.length - p && value[value.length - 1 - s] === clean[clean.length - 1 - s]) s++;
  return p < value.length - s ? { start: p, end: value.length - s } : undefined;
}

const MAX_LITERAL = 100_000;

/** Sample values in docs and tests (`Bearer your-api-key-here`, `https://user:changeme@…`). */
const PLACEHOLDER = /your|example|placeholder|x{4}|\*{4}|\.\.\.|…|changeme|redacted|dummy|<|>|\$\{|\{\{/i;

export const codeLiteralCredential = withLanguages(
  createRule<[], string>({
    name: 'code-literal-credential',
    meta: {
      type: 'problem',
      docs: {
        description: 'Credentials must not be written as string literals in code',
        category: 'secrets',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'critical',
        defaultSeverity: 'error',
      },
      messages: messages(),
      schema: [],
      hasSuggestions: true,
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      const strings: CodeString[] = [];
      const add = (s: CodeString | undefined) => {
        if (s && s.value.length >= 8 && s.value.length <= MAX_LITERAL) strings.push(s);
      };
      return {
        Literal(node: TSESTree.Literal) {
          if (typeof node.value !== 'string') return;
          // Import sources and directives are not data.
          const parent = node.parent;
          if (parent?.type === 'ImportDeclaration' || parent?.type === 'ExportAllDeclaration' || parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ImportExpression') return;
          add(literalString(node as TSESTree.StringLiteral));
        },
        TemplateElement(node: TSESTree.TemplateElement) {
          add(templateString(node, sourceCode.text, false));
        },
        'Program:exit'() {
          if (!strings.length) return;
          const settings = promptlintSettings(context.settings as Record<string, unknown>);
          const rules = coreSecretRules();
          const opts = { fixable: false, hasSuggestions: false, textLength: sourceCode.text.length, zeroBasedColumns: true };
          /**
           * The core suggests an environment reference for a whole-value secret; in code that is `process.env.NAME`
           * in place of the string literal (quotes included). Template parts and partial matches get no suggestion.
           */
          const envSuggestion = (d: { start: number; end: number; data?: Readonly<Record<string, string | number>> }): Suggestion[] | undefined => {
            const name = /^\$\{([A-Z][A-Z0-9_]{0,100})\}$/.exec(String(d.data?.env ?? ''))?.[1];
            const lit = name && strings.find((x) => x.start === d.start && x.end === d.end && x.node.type === 'Literal');
            if (!name || !lit) return undefined;
            return [{ desc: `Read the value from process.env.${name}`, fix: { edits: [{ start: lit.node.range[0], end: lit.node.range[1], text: `process.env.${name}` }] } }];
          };
          if (rules.length) {
            const segments: TextSegment[] = strings.map((s) => ({ value: s.value, context: 'config-value', path: [], map: s.map }));
            const doc = codeDocument(context.filename, sourceCode.text, segments);
            for (const rule of rules) {
              runCoreRuleSafely(rule, doc, {}, settings, (d) =>
                reportCore(context as never, { ...d, messageId: messageKey(rule.meta.id, d.messageId), fix: undefined, suggestions: envSuggestion(d) }, { ...opts, hasSuggestions: true, defaultSeverity: rule.meta.securitySeverity }),
                internalError(context as never),
              );
            }
            return;
          }
          for (const s of strings) {
            const span = maskedSpan(s.value);
            if (!span) continue;
            const secret = s.value.slice(span.start, span.end);
            if (PLACEHOLDER.test(secret)) continue;
            const start = s.map.offsets ? s.map.offsets[span.start]! : s.map.base + span.start;
            const end = s.map.offsets ? s.map.offsets[span.end]! : s.map.base + span.end;
            reportCore(context as never, { messageId: 'literalCredential', data: { masked: maskSecret(secret) }, start, end: Math.max(end, start + 1) }, { ...opts, defaultSeverity: 'critical' });
          }
        },
      };
    },
  }),
);
