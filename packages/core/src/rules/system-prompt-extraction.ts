import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { placement, segmentPhrases, shortPhrase, weigh } from './_injection-context.ts';
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
    let lastEnd = -1;
    let budget = 50; // candidates judged per segment: bounded work on adversarial input
    for (const p of segmentPhrases(segment)) {
      if (p.kind !== 'extraction' || p.start < lastEnd) continue;
      if (--budget < 0) return;
      const place = placement(segment.value, p.start, p.end);
      if (place === 'skip') continue;
      lastEnd = p.end;
      const r = segmentRange(segment, p.start, p.end);
      context.report({
        messageId: 'extraction',
        data: { phrase: shortPhrase(p.phrase) },
        start: r.start,
        end: r.end,
        securitySeverity: weigh('medium', place, segment, context.document),
      });
    }
  },
};
