import type { Rule, SegmentContext } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { placement, segmentPhrases, shortPhrase, weigh } from './_injection-context.ts';

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
    let lastEnd = -1;
    let budget = 50; // candidates judged per segment: bounded work on adversarial input
    for (const p of segmentPhrases(segment)) {
      if (p.kind !== 'override' || p.start < lastEnd) continue;
      if (--budget < 0) return;
      const place = placement(segment.value, p.start, p.end);
      if (place === 'skip') continue;
      lastEnd = p.end;
      const r = segmentRange(segment, p.start, p.end);
      context.report({
        messageId: 'override',
        data: { phrase: shortPhrase(p.phrase) },
        start: r.start,
        end: r.end,
        securitySeverity: weigh('high', place, segment, context.document),
      });
    }
  },
};
