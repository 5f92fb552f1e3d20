import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { isReference } from '../util/hosts.ts';
import { maskSecret } from '../util/mask.ts';
import { compileUserPatterns, findAllMatches } from '../util/user-patterns.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A literal value in one of the organisation's internal token formats (`settings.promptlint.tokenPatterns`:
 * RE2 regular expressions, case-sensitive, matched in linear time). The token is never printed: messages
 * carry `maskSecret`'s length and fingerprint. Matches that are references (`${ACME_TOKEN}`) or obvious
 * placeholders (`...`, `xxxx`, `<token>`) are skipped. A pattern that does not compile is reported once per file.
 *
 * Category `secrets`. securitySeverity `critical` (a live internal credential in a shared file).
 */
export const orgInternalToken: Rule = {
  meta: {
    id: 'org-internal-token',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: "Literal values in the organisation's internal token formats (settings.promptlint.tokenPatterns)",
      preset: 'recommended',
      url: docsUrl('org-internal-token'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      token: "Internal token (format #{{index}} of the organisation's tokenPatterns) in plain text: {{masked}}. Move it to a secret store and reference it from the environment.",
      invalidPattern: 'Settings tokenPatterns has patterns that were not checked: {{errors}}.',
    },
  },
  checkSegment(segment, context) {
    for (const p of compileUserPatterns(context.settings.tokenPatterns)) {
      if (!p.re) continue;
      for (const hit of findAllMatches(p.re, segment.value)) {
        if (isPlaceholder(hit.text)) continue;
        const r = segmentRange(segment, hit.start, hit.end);
        context.report({ messageId: 'token', data: { index: p.index, masked: maskSecret(hit.text) }, start: r.start, end: r.end });
      }
    }
  },
  checkDocument(document, context) {
    // One finding for all of them: the engine keeps one finding per rule, range and message.
    const errors = compileUserPatterns(context.settings.tokenPatterns).filter((p) => p.error).map((p) => `#${p.index} is not a valid RE2 pattern (${p.error})`);
    if (errors.length) context.report({ messageId: 'invalidPattern', data: { errors: errors.join('; ') }, start: 0, end: 0, securitySeverity: 'low' });
    void document;
  },
};

/** `${ACME_TOKEN}`, `acme_...`, `acme_xxxxxxxx`, `acme_<token>`: documentation, not a credential. */
function isPlaceholder(value: string): boolean {
  if (isReference(value) || value.includes('...') || value.includes('…') || /[<>{}]/.test(value)) return true;
  // A long run of one repeated letter (xxxx, XXXX, 0000) is a hand-typed stand-in.
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value[i] === value[i - 1] ? run + 1 : 1;
    if (run >= 6 && /[xX0*]/.test(value[i]!)) return true;
  }
  return false;
}
