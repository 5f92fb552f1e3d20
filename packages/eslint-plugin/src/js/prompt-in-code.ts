/**
 * The core text rules (injection, hidden Unicode, exfiltration beacons and instructions: every text rule the core
 * registers) run on strings that code hands to a model as a prompt, a system prompt, agent instructions or a tool
 * description. Generic over the core's RULES: a text rule added to core is checked here without a change.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { RULES, segmentRange, type Rule, type TextSegment } from '@promptlint/core';
import { createRule, codeDocument, internalError, withLanguages } from './_create.ts';
import { callPositions, objectPositions, type PromptPosition } from './_positions.ts';
import { stringParts, toSegment } from './_strings.ts';
import { runCoreRuleSafely, promptlintSettings } from '../core-rules.ts';
import { reportCore } from '../report.ts';

const RANK = { recommended: 0, strict: 1, all: 2 } as const;

/**
 * Core rules this rule runs: every rule outside the secrets category (which has its own code rule). A rule that
 * reads typed nodes (endpoints, MCP servers) finds none in the strings and reports nothing.
 */
export function coreTextRules(): Rule<any>[] {
  return RULES.filter((r) => r.meta.category !== 'secrets' && (r.checkSegment || r.checkDocument));
}

/** ESLint message ids: `<core rule id>__<core message id>`. */
export function messageKey(ruleId: string, messageId: string): string {
  return `${ruleId}__${messageId}`;
}

function messages(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of coreTextRules()) for (const [id, text] of Object.entries(r.meta.messages)) out[messageKey(r.meta.id, id)] = `In a {{promptlintPosition}} (${r.meta.id}): ${text}`;
  return out;
}

type Options = [{ preset?: 'recommended' | 'strict' | 'all'; rules?: string[] }];

/** Collect the prompt positions of a file, each expression once. */
export function positionVisitors(sourceCode: Parameters<typeof callPositions>[1], sink: (p: PromptPosition) => void) {
  const seen = new Set<string>();
  const add = (list: PromptPosition[]) => {
    for (const p of list) {
      if (!p.expr) continue;
      const k = `${p.expr.range[0]}:${p.expr.range[1]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      sink(p);
    }
  };
  return {
    CallExpression: (node: TSESTree.CallExpression) => add(callPositions(node, sourceCode)),
    NewExpression: (node: TSESTree.NewExpression) => add(callPositions(node, sourceCode)),
    ObjectExpression: (node: TSESTree.ObjectExpression) => add(objectPositions(node, sourceCode)),
  };
}

export const promptInCode = withLanguages(
  createRule<Options, string>({
    name: 'prompt-in-code',
    meta: {
      type: 'problem',
      docs: {
        description: 'Prompts, system prompts, agent instructions and tool descriptions written in code must pass the core text rules',
        category: 'injection',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'high',
        defaultSeverity: 'error',
      },
      messages: messages(),
      schema: [
        {
          type: 'object',
          properties: {
            preset: { type: 'string', enum: ['recommended', 'strict', 'all'], description: 'Run the core text rules of this preset.' },
            rules: { type: 'array', items: { type: 'string' }, description: 'Run only these core rule ids.' },
          },
          additionalProperties: false,
        },
      ],
    },
    defaultOptions: [{ preset: 'recommended' }],
    create(context, [options]) {
      const sourceCode = context.sourceCode;
      const segments: { segment: TextSegment; what: string }[] = [];
      const rank = RANK[options.preset ?? 'recommended'];
      const chosen = coreTextRules().filter((r) => (options.rules ? options.rules.includes(r.meta.id) : RANK[r.meta.docs.preset] <= rank));
      return {
        ...positionVisitors(sourceCode, (p) => {
          for (const s of stringParts(p.expr, sourceCode)) segments.push({ segment: toSegment(s, p.context), what: p.what });
        }),
        'Program:exit'() {
          if (!segments.length || !chosen.length) return;
          const doc = codeDocument(context.filename, sourceCode.text, segments.map((s) => s.segment));
          // Raw ranges of the positions, to name the one a finding falls in.
          const ranges = segments.map((s) => ({ ...segmentRange(s.segment, 0, s.segment.value.length), what: s.what }));
          const whatAt = (offset: number) => ranges.find((r) => r.start <= offset && offset < Math.max(r.end, r.start + 1))?.what ?? 'prompt';
          const settings = promptlintSettings(context.settings as Record<string, unknown>);
          for (const rule of chosen) {
            runCoreRuleSafely(rule, doc, {}, settings, (d) =>
              reportCore(context as never, { ...d, messageId: messageKey(rule.meta.id, d.messageId), data: { ...(d.data ?? {}), promptlintPosition: whatAt(d.start) }, fix: undefined, suggestions: undefined }, {
                defaultSeverity: rule.meta.securitySeverity,
                fixable: false,
                hasSuggestions: false,
                textLength: sourceCode.text.length,
                zeroBasedColumns: true,
              }),
              internalError(context as never),
            );
          }
        },
      };
    },
  }),
);
