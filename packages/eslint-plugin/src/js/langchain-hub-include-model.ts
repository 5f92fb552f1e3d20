/**
 * `pull(ref, { includeModel: true })` from `langchain/hub`: the pulled manifest also instantiates the model with the
 * configuration stored in the hub (base URL, headers, model class), so whoever can edit the hub prompt can send your
 * traffic and API key to a server of theirs.
 */
import { createRule, withLanguages } from './_create.ts';
import { booleanOf, objectOf, prop } from './_strings.ts';
import { importedCallVisitors } from './_imports.ts';
import { rememberSeverity } from '../report.ts';

export const HUB_MODULES: ReadonlySet<string> = new Set(['langchain/hub', 'langchain/hub/node']);

export const langchainHubIncludeModel = withLanguages(
  createRule<[], 'includeModel'>({
    name: 'langchain-hub-include-model',
    meta: {
      type: 'problem',
      docs: {
        description: 'LangChain hub pulls must not instantiate the model configuration stored in the hub',
        category: 'exfiltration',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'high',
        defaultSeverity: 'error',
      },
      messages: {
        includeModel: 'Hub pull with includeModel: true builds the model from the hub manifest: whoever edits the hub prompt controls its base URL and headers, and so your prompts and API key. Pull the prompt only and construct the model in code.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return importedCallVisitors(HUB_MODULES, 'pull', (node) => {
        const opt = prop(objectOf(node.arguments[1], context.sourceCode), 'includeModel');
        if (!opt || booleanOf(opt.value, context.sourceCode) !== true) return;
        const loc = opt.loc;
        rememberSeverity(context.filename, { start: { line: loc.start.line, column: loc.start.column + 1 }, end: { line: loc.end.line, column: loc.end.column + 1 } }, 'includeModel', 'high');
        context.report({ node: opt, messageId: 'includeModel' });
      });
    },
  }),
);
