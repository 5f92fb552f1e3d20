import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { compileUserPatterns, findAllMatches } from '../util/user-patterns.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Text that matches one of the organisation's forbidden phrases (`settings.promptlint.forbiddenPhrases`): RE2
 * regular expressions, matched case-insensitively by an engine without backtracking (linear time, whatever
 * the pattern). With no phrases configured the rule reports nothing. A pattern that does not compile is
 * reported once per file, at its start, so a broken org config never passes silently.
 *
 * Category `injection`: the phrases an organisation bans are instructions it does not want its models to
 * receive. securitySeverity `medium` (the organisation decides what the phrase means).
 */
export const orgForbiddenPhrase: Rule = {
  meta: {
    id: 'org-forbidden-phrase',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Text matching a phrase the organisation forbids (settings.promptlint.forbiddenPhrases)',
      preset: 'recommended',
      url: docsUrl('org-forbidden-phrase'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'medium',
    messages: {
      forbidden: "Text matches forbidden phrase #{{index}} of the organisation's promptlint settings: '{{excerpt}}'.",
      invalidPattern: 'Settings forbiddenPhrases has patterns that were not checked: {{errors}}.',
    },
  },
  checkSegment(segment, context) {
    const patterns = compileUserPatterns(context.settings.forbiddenPhrases, { caseInsensitive: true });
    for (const p of patterns) {
      if (!p.re) continue;
      for (const hit of findAllMatches(p.re, segment.value)) {
        const r = segmentRange(segment, hit.start, hit.end);
        context.report({ messageId: 'forbidden', data: { index: p.index, excerpt: excerpt(hit.text) }, start: r.start, end: r.end });
      }
    }
  },
  checkDocument(document, context) {
    // One finding for all of them: the engine keeps one finding per rule, range and message.
    const errors = compileUserPatterns(context.settings.forbiddenPhrases, { caseInsensitive: true }).filter((p) => p.error).map((p) => `#${p.index} is not a valid RE2 pattern (${p.error})`);
    if (errors.length) context.report({ messageId: 'invalidPattern', data: { errors: errors.join('; ') }, start: 0, end: 0, securitySeverity: 'low' });
    void document;
  },
};

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
