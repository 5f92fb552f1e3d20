import type { Rule, SegmentContext } from '../types.ts';
import { docsUrl } from './_docs-url.ts';
import { reportPhrases } from './_injection-context.ts';

/** Segment contexts the phrase rules read: everything the model may see, except object keys. */
export const PHRASE_CONTEXTS: readonly SegmentContext[] = [
  'prose', 'code', 'html', 'front-matter', 'system-message', 'message', 'tool-description', 'instructions', 'config-value', 'comment', 'raw',
];

/**
 * "Ignore all previous instructions" and its family, in English and ten other languages, matched on normalised
 * text (full-width, zero-width, leetspeak and spaced-out letters folded).
 */
export const instructionOverride: Rule = {
  meta: {
    id: 'instruction-override',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt text must not tell the model to ignore, forget or override its previous instructions',
      preset: 'recommended',
      url: docsUrl('instruction-override'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      override: "Instruction override '{{phrase}}': text that tells the model to drop its earlier instructions is a prompt-injection payload.",
    },
  },
  contexts: PHRASE_CONTEXTS,
  checkSegment(segment, context) {
    reportPhrases(segment, context, 'override', 'override', 'high');
  },
};
