/**
 * A template literal that interpolates a variable into a system prompt or agent instructions: whatever the
 * variable holds (a user's name, a retrieved document, a tool result) is read by the model with the authority
 * of the system prompt. A warning in the `strict` preset: many such variables are safe, the rule makes each
 * one a reviewed decision.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, withLanguages } from './_create.ts';
import { positionVisitors } from './prompt-in-code.ts';
import { constInit, unwrap } from './_strings.ts';
import { rememberSeverity } from '../report.ts';

/** A template literal (or a const bound to one). */
function templateOf(expr: TSESTree.Node, sourceCode: Parameters<typeof constInit>[1], depth = 0): TSESTree.TemplateLiteral | undefined {
  const n = unwrap(expr);
  if (n.type === 'TemplateLiteral') return n;
  if (n.type === 'Identifier' && depth < 4) {
    const init = constInit(n, sourceCode);
    return init ? templateOf(init, sourceCode, depth + 1) : undefined;
  }
  return undefined;
}

/** An interpolation whose value is fixed in this file (a literal, or a const bound to a literal). */
function isConstant(expr: TSESTree.Node, sourceCode: Parameters<typeof constInit>[1], depth = 0): boolean {
  const n = unwrap(expr);
  if (n.type === 'Literal') return true;
  if (n.type === 'TemplateLiteral') return n.expressions.every((e) => isConstant(e, sourceCode, depth + 1));
  if (n.type === 'Identifier' && depth < 4) {
    const init = constInit(n, sourceCode);
    return init ? isConstant(init, sourceCode, depth + 1) : false;
  }
  return false;
}

export const systemPromptInterpolation = withLanguages(
  createRule<[], 'interpolated'>({
    name: 'system-prompt-interpolation',
    meta: {
      type: 'suggestion',
      docs: {
        description: 'Variables interpolated into a system prompt or agent instructions need review',
        category: 'injection',
        preset: 'strict',
        recommended: false,
        securitySeverity: 'medium',
        defaultSeverity: 'warn',
      },
      messages: {
        interpolated: "'{{name}}' is interpolated into a {{what}}: whatever it holds is read with the authority of the system prompt. Pass untrusted data in a user message, delimited, instead.",
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      const done = new Set<TSESTree.TemplateLiteral>();
      return positionVisitors(sourceCode, (p) => {
        if (p.context !== 'system-message' && p.context !== 'instructions') return;
        const tpl = templateOf(p.expr, sourceCode);
        if (!tpl || done.has(tpl) || tpl.parent?.type === 'TaggedTemplateExpression') return;
        done.add(tpl);
        for (const e of tpl.expressions) {
          if (isConstant(e, sourceCode)) continue;
          const name = sourceCode.getText(e).replace(/\s+/g, ' ').slice(0, 60);
          // Point at the whole `${…}`.
          const start = sourceCode.text.lastIndexOf('${', e.range[0]);
          const end = sourceCode.text.indexOf('}', e.range[1]);
          const loc = { start: sourceCode.getLocFromIndex(start >= 0 ? start : e.range[0]), end: sourceCode.getLocFromIndex(end >= 0 ? end + 1 : e.range[1]) };
          rememberSeverity(context.filename, { start: { line: loc.start.line, column: loc.start.column + 1 }, end: { line: loc.end.line, column: loc.end.column + 1 } }, 'interpolated', 'medium');
          context.report({ loc, messageId: 'interpolated', data: { name, what: p.what } });
        }
      });
    },
  }),
);
