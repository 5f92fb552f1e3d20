import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { HIDDEN_CANDIDATE, scanHidden, type HiddenHit } from './_hidden-unicode-scan.ts';

/**
 * Invisible or reordering characters that hide text from a human reviewer while the model still reads it:
 * Unicode tag smuggling, bidi overrides (Trojan Source), zero-width runs and in-word splits, variation-selector
 * smuggling, Hangul fillers and other invisible format characters. Reads the raw file, and decoded strings whose
 * characters were written as escapes (`\u200b`, `\udb40\udc41` in JSON, `\U000E0041` in YAML).
 */
export const hiddenUnicode: Rule = {
  meta: {
    id: 'hidden-unicode',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompts must not contain invisible or reordering Unicode characters that hide text from reviewers',
      preset: 'recommended',
      url: docsUrl('hidden-unicode'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    fixable: 'code',
    messages: {
      tags: '{{count}} invisible Unicode tag characters carry hidden text the model reads: "{{hidden}}".',
      bidiOverride: 'Bidirectional override {{code}} ({{name}}) makes the text display in a different order than the model reads it (Trojan Source).',
      bidiUnbalanced: 'Unbalanced bidirectional control {{code}} ({{name}}) reorders the rest of the line as displayed (Trojan Source).',
      zeroWidthRun: 'Run of {{count}} zero-width characters ({{codes}}) can encode hidden data{{hidden}}.',
      zeroWidthInWord: 'Zero-width character {{code}} inside a word ({{count}} in this word) hides the word from keyword checks and reviewers.',
      bomInText: 'Byte-order mark U+FEFF in the middle of the text acts as an invisible zero-width character.',
      selectorRun: 'Run of {{count}} variation selectors after one character can smuggle hidden bytes{{hidden}}.',
      looseSelector: 'Variation selector {{code}} is not attached to an emoji or ideograph: an invisible character with no purpose here.',
      hangulFiller: 'Hangul filler {{code}} (x{{count}}) renders as blank space: invisible padding or an invisible name.',
      privateUseRun: 'Run of {{count}} private-use characters: they render as nothing or as boxes and can carry hidden data.',
      unassignedRun: 'Run of {{count}} unassigned code points: invisible in most fonts and can carry hidden data.',
      softHyphenRun: 'Run of {{count}} soft hyphens: invisible padding that splits words for keyword checks.',
      invisibleFormatRun: 'Run of {{count}} invisible format characters ({{code}}).',
    },
  },
  checkDocument(document, context) {
    const text = document.file.text;
    const raw: HiddenHit[] = HIDDEN_CANDIDATE.test(text) ? scanHidden(text) : [];
    for (const hit of raw) {
      context.report({
        messageId: hit.kind,
        data: hit.data,
        start: hit.start,
        end: hit.end,
        securitySeverity: hit.severity,
        fix: hit.remove ? { edits: hit.remove.map(([start, end]) => ({ start, end, text: '' })) } : undefined,
      });
    }
    // Characters written as escapes: only decoded strings hold them. No fix: the escape is visible in the file,
    // and removing it is a decision about the value, not a clean-up.
    if (!text.includes('\\')) return;
    for (const segment of document.segments) {
      if (!segment.map.offsets || !HIDDEN_CANDIDATE.test(segment.value)) continue;
      for (const hit of scanHidden(segment.value)) {
        const r = segmentRange(segment, hit.start, hit.end);
        if (text.slice(r.start, r.end) === segment.value.slice(hit.start, hit.end)) continue;
        if (raw.some((h) => h.start < r.end && r.start < h.end)) continue;
        if (isListing(segment.value, hit.start, hit.end)) continue;
        context.report({ messageId: hit.kind, data: hit.data, start: r.start, end: r.end, securitySeverity: hit.severity });
      }
    }
  },
};

/**
 * Escaped characters written as a character class or a list (`"[\u202A-\u202E]"`, `"\u200B|\u200C"`): a
 * filter or a linter setting that names the characters to defend against them, not hidden text.
 */
function isListing(value: string, start: number, end: number): boolean {
  const before = value[start - 1];
  const after = value[end];
  return (before !== undefined && '[-|,'.includes(before)) || (after !== undefined && ']-|,'.includes(after));
}
