import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { hostInList, parseUrl } from '../util/hosts.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A URL to a host the organisation forbids (`settings.promptlint.forbiddenHosts`: exact hosts, `*.suffix` or
 * `*-label` patterns, the same syntax as the trusted-host lists), anywhere in prompt text or in a config value:
 * a paste site, an unapproved AI vendor, a retired internal endpoint. With no forbidden hosts configured the
 * rule reports nothing.
 *
 * Category `supply-chain`: the host is a source (or sink) the organisation has not approved for its prompts,
 * agents and tools. securitySeverity `high`; `medium` inside a code block or inline code (often an example).
 */
export const orgForbiddenHost: Rule = {
  meta: {
    id: 'org-forbidden-host',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'URLs to hosts that the organisation forbids (settings.promptlint.forbiddenHosts)',
      preset: 'recommended',
      url: docsUrl('org-forbidden-host'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      forbidden: "URL to '{{host}}', a host forbidden by the organisation's promptlint settings (forbiddenHosts).",
    },
  },
  checkSegment(segment, context) {
    const forbidden = context.settings.forbiddenHosts;
    if (!forbidden || !Array.isArray(forbidden) || forbidden.length === 0) return;
    const severity = segment.context === 'code' ? 'medium' : 'high';
    let found = false;
    for (const hit of findUrls(segment.value)) {
      const parsed = parseUrl(hit.url);
      if (!parsed || !hostInList(parsed.host, forbidden)) continue;
      found = true;
      const r = segmentRange(segment, hit.start, hit.end);
      context.report({ messageId: 'forbidden', data: { host: parsed.host }, start: r.start, end: r.end, securitySeverity: severity });
    }
    // A config value that is a bare host (`apiHost: paste.example.com:443`).
    if (!found && (segment.context === 'config-value' || segment.context === 'front-matter')) {
      const value = segment.value;
      const lead = value.length - value.trimStart().length;
      const trimmed = value.trim();
      if (trimmed === '' || trimmed.length > 300 || /\s/.test(trimmed)) return;
      const parsed = parseUrl(trimmed);
      if (!parsed || parsed.scheme !== '' || !hostInList(parsed.host, forbidden)) return;
      const r = segmentRange(segment, lead, lead + trimmed.length);
      context.report({ messageId: 'forbidden', data: { host: parsed.host }, start: r.start, end: r.end, securitySeverity: severity });
    }
  },
};

/**
 * Absolute URLs: the scheme is a literal prefix and the body one bounded character class, so the scan is linear.
 * Template variables (`{{id}}`, `{id}`) stay part of the URL.
 */
const URL_IN_TEXT = /\b(?:https?|wss?|ftps?):\/\/[^\s"'<>()[\]`\\|^]{1,2048}/gi;
const TRAILING_PUNCTUATION = '.,;:!?*_~';

/** URLs in free text, with trailing sentence punctuation left out of the range. */
export function findUrls(text: string): { url: string; start: number; end: number }[] {
  const out: { url: string; start: number; end: number }[] = [];
  URL_IN_TEXT.lastIndex = 0;
  for (let m = URL_IN_TEXT.exec(text); m; m = URL_IN_TEXT.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index && TRAILING_PUNCTUATION.includes(text[end - 1]!)) end--;
    out.push({ url: text.slice(m.index, end), start: m.index, end });
    if (out.length >= 1000) break;
  }
  return out;
}
