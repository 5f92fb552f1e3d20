import type { Rule } from '../types.ts';
import { docsUrl } from './_docs-url.ts';
import { reportPhrases } from './_injection-context.ts';
import { PHRASE_CONTEXTS } from './instruction-override.ts';

/** Requests to repeat, print or reveal the system prompt, the initial instructions or "the text above". */
export const systemPromptExtraction: Rule = {
  meta: {
    id: 'system-prompt-extraction',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt text must not ask the model to reveal its system prompt or initial instructions',
      preset: 'recommended',
      url: docsUrl('system-prompt-extraction'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'medium',
    messages: {
      extraction: "System-prompt extraction '{{phrase}}': a request to reveal the model's hidden instructions.",
    },
  },
  contexts: PHRASE_CONTEXTS,
  checkSegment(segment, context) {
    reportPhrases(segment, context, 'extraction', 'extraction', 'medium');
  },
};
