/**
 * `pull("owner/name")` from `langchain/hub` without a commit hash: the next run fetches whatever the hub holds
 * then, so an edit to the hub prompt (by its owner, or by anyone who took over the account) changes your
 * application's instructions without a code change or review. Pin `owner/name:<commit>`.
 */
import { createRule, withLanguages } from './_create.ts';
import { stringParts } from './_strings.ts';
import { importedCallVisitors } from './_imports.ts';
import { HUB_MODULES } from './langchain-hub-include-model.ts';
import { rememberSeverity } from '../report.ts';

/** `owner/name:<hex commit>` (7 to 64 hex digits). */
const PINNED = /:[0-9a-f]{7,64}$/i;

export const langchainHubUnpinnedPrompt = withLanguages(
  createRule<[], 'unpinned' | 'tagged'>({
    name: 'langchain-hub-unpinned-prompt',
    meta: {
      type: 'problem',
      docs: {
        description: 'LangChain hub prompt references must be pinned to a commit hash',
        category: 'supply-chain',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'medium',
        defaultSeverity: 'warn',
      },
      messages: {
        unpinned: "Hub prompt '{{ref}}' is not pinned to a commit: an edit in the hub changes this application's prompt without review. Use '{{ref}}:<commit hash>'.",
        tagged: "Hub prompt '{{ref}}' is pinned to the tag '{{tag}}', which can be moved: pin a commit hash instead.",
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return importedCallVisitors(HUB_MODULES, 'pull', (node) => {
        if (!node.arguments[0]) return;
        const parts = stringParts(node.arguments[0], context.sourceCode);
        // Only a reference written out in full can be judged (a template with a `${commit}` is the caller's choice).
        if (parts.length !== 1 || (parts[0]!.partial && parts[0]!.node.type === 'TemplateElement')) return;
        const s = parts[0]!;
        const ref = s.value.trim();
        if (!ref || PINNED.test(ref) || /\s/.test(ref)) return;
        const colon = ref.lastIndexOf(':');
        const messageId = colon > 0 ? 'tagged' : 'unpinned';
        const data = colon > 0 ? { ref: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { ref };
        const loc = { start: context.sourceCode.getLocFromIndex(s.start), end: context.sourceCode.getLocFromIndex(s.end) };
        rememberSeverity(context.filename, { start: { line: loc.start.line, column: loc.start.column + 1 }, end: { line: loc.end.line, column: loc.end.column + 1 } }, messageId, 'medium');
        context.report({ loc, messageId, data });
      });
    },
  }),
);
