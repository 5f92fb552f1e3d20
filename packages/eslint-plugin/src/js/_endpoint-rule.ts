/** The two JS/TS endpoint rules: each runs its core counterpart on the model nodes of client constructions. */
import type { TSESTree } from '@typescript-eslint/utils';
import { ruleById } from '@promptlint/core';
import { codeDocument, internalError } from './_create.ts';
import { clientModel } from './_clients.ts';
import { promptlintSettings, runCoreRuleSafely } from '../core-rules.ts';
import { reportCore } from '../report.ts';

export function endpointMessages(coreId: string): Record<string, string> {
  return { ...(ruleById(coreId)?.meta.messages ?? {}) };
}

export function endpointVisitors(coreId: string, context: any) {
  const sourceCode = context.sourceCode;
  const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
    const rule = ruleById(coreId);
    const client = rule && clientModel(node, sourceCode);
    if (!rule || !client) return;
    const doc = codeDocument(context.filename, sourceCode.text, [], [client.model]);
    runCoreRuleSafely(rule, doc, (context.options[0] as Record<string, unknown> | undefined) ?? {}, promptlintSettings(context.settings), (d) =>
      reportCore(context, { ...d, fix: undefined, suggestions: undefined }, {
        defaultSeverity: rule.meta.securitySeverity,
        fixable: false,
        hasSuggestions: false,
        textLength: sourceCode.text.length,
        zeroBasedColumns: true,
      }),
      internalError(context),
    );
  };
  return { CallExpression: check, NewExpression: check };
}
