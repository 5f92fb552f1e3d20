import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { placement, segmentPhrases, shortPhrase, weigh } from './_injection-context.ts';
import { weakJailbreakCluster } from './_phrases.ts';
import { PHRASE_CONTEXTS } from './instruction-override.ts';

const MAX_PER_SEGMENT = 5;

/**
 * Jailbreak personas: DAN / "Do Anything Now", developer mode, "no longer bound by", "without any ethical
 * guidelines". An ordinary role prompt ("act as a travel guide") is not one: a persona set-up counts only with
 * at least two distinct unrestriction cues near it.
 */
export const jailbreakPersona: Rule = {
  meta: {
    id: 'jailbreak-persona',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt text must not set up an unrestricted persona (DAN, developer mode, "no longer bound by rules")',
      preset: 'recommended',
      url: docsUrl('jailbreak-persona'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      strong: "Jailbreak persona '{{phrase}}': text that tells the model it is free of its rules or safety guidelines.",
      cluster: "Jailbreak persona: a role set-up with unrestriction cues ('{{phrase}}' and more) tells the model to drop its safety rules.",
    },
  },
  contexts: PHRASE_CONTEXTS,
  checkSegment(segment, context) {
    const phrases = segmentPhrases(segment).filter((p) => p.kind === 'jailbreak');
    let lastEnd = -1;
    let count = 0;
    let budget = 50;
    for (const p of phrases) {
      if (p.strength !== 'strong' || p.start < lastEnd) continue;
      if (--budget < 0) break;
      const place = placement(segment.value, p.start, p.end);
      if (place === 'skip') continue;
      lastEnd = p.end;
      const r = segmentRange(segment, p.start, p.end);
      context.report({ messageId: 'strong', data: { phrase: shortPhrase(p.phrase) }, start: r.start, end: r.end, securitySeverity: weigh('high', place, segment, context.document) });
      if (++count >= MAX_PER_SEGMENT) return;
    }
    if (count) return;
    const weak = phrases.filter((p) => p.strength === 'weak');
    if (!weakJailbreakCluster(weak)) return;
    const first = weakJailbreakCluster(weak.slice(0, 400).filter((p) => placement(segment.value, p.start, p.end) !== 'skip'));
    if (!first) return;
    const r = segmentRange(segment, first.start, first.end);
    const place = placement(segment.value, first.start, first.end);
    context.report({ messageId: 'cluster', data: { phrase: shortPhrase(first.phrase) }, start: r.start, end: r.end, securitySeverity: weigh('medium', place === 'skip' ? 'attack' : place, segment, context.document) });
  },
};
