/**
 * How the injection rules weigh where a phrase sits: defensive text that quotes an attack, negated rules
 * ("never reveal your system prompt"), quoted or inline-code mentions, code fences, and files whose text the
 * model trusts (rules files, tool descriptions, system messages).
 */
import type { PromptDocument, RuleContext, SecuritySeverity, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { scanInjectionPhrases, type PhraseMatch } from './_phrases.ts';

export type Placement = 'attack' | 'mention' | 'skip';

/** Real chat templates and tokenizer configs: role tokens there are the point of the file. */
export function isChatTemplateFile(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? path;
  return /chat[_-]?template|tokenizer|\.jinja2?$/i.test(base);
}

/** Instruction files an agent loads as trusted rules. */
export function isInstructionFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.split('/').pop() ?? p;
  return (
    /^(?:agents|claude|gemini|copilot-instructions|skill)\.md$/i.test(base) ||
    /\.(?:instructions|agent|chatmode)\.md$/i.test(base) ||
    /^\.(?:cursorrules|windsurfrules|clinerules)$/i.test(base) ||
    /\.mdc$/i.test(base) ||
    /(?:^|\/)\.(?:cursor|windsurf|clinerules)\/rules\//i.test(p)
  );
}

const NEGATION_BEFORE = /(?:\b(?:never|not|don['’]?t|do\s+not|does\s+not|must\s+not|mustn['’]?t|should\s+not|shouldn['’]?t|cannot|can['’]?t|won['’]?t|will\s+not|refuse\s+to|avoid|no\s+need\s+to|under\s+no\s+circumstances(?:\s+should\s+you)?|ne\s+(?:jamais|pas)|nunca|no|nie(?:mals)?|nicht|mai|non|nooit|niet|никогда\s+не|не)(?![\p{L}])\s*(?:[\p{L}'’]+\s+){0,2}|(?:不要|不得|禁止|切勿|绝不|決して|절대))$/iu;

/** Words that, before a phrase in the same sentence, mark it as described rather than meant. */
const DEFENSIVE_BEFORE = new RegExp(
  [
    String.raw`\bif\s+(?:(?:a|an|the|any|some)\s*)?(?:\w+\s+){0,3}(?:says|say|asks|tells|contains|instructs|requests|includes|tries|attempts|claims|wants)`,
    String.raw`\b(?:such\s+as|e\.g\.|for\s+example|for\s+instance|like|including|phrases?|sentences?|text|strings?|patterns?|attempts?\s+to|tries\s+to|trying\s+to|try\s+to)\s*["'“‘«\x60]?$`,
    String.raw`\b(?:page|document|email|e-mail|message|website|site|tool|text|content|input|file|comment|someone|anyone|user|it|they|instructions?|output|result)\s+(?:asks?|asking|tells?|telling|instructs?|instructing|wants|urges?)\s+you\s+to\s*$`,
    // Third-person descriptions of an attack: "text that tells the model to ignore …", "asked it to print …",
    // "requests to reveal …".
    String.raw`\b(?:tells?|telling|told|asks?|asking|asked|instructs?|instructing|instructed|makes?|making|made|gets?|getting|got|convinces?|tricks?|tricked)\s+(?:(?:the|a|an|your|its)\s*)?(?:model|llm|ai|assistant|agent|bot|chatbot|it|him|her|them)\s+(?:into\s+|to\s+)?(?:\w+,?\s+){0,3}$`,
    String.raw`\b(?:requests?|attempts?|instructions?|commands?|prompts?)\s+(?:to|that)\s*(?:\w+,?\s+(?:or\s+)?){0,3}$`,
    String.raw`\b(?:injections?|injected|jailbreak\s+attempts?|attacks?|attackers?|adversarial|malicious|untrusted|suspicious|manipulat\w*|social\s+engineering|red[\s-]?team\w*|classif\w*|detect\w*|defen[cs]\w*)\b`,
    String.raw`\b(?:si\s+(?:un|une|le|la)\s+\w+\s+(?:dit|demande)|wenn\s+(?:ein|eine|der|die|das)\s+\w+|si\s+(?:un|una|el|la)\s+\w+\s+(?:dice|pide)|se\s+(?:un|una|il|la|o|a)\s+\w+\s+(?:dice|chiede|diz|pede)|als\s+(?:een|de|het)\s+\w+\s+(?:zegt|vraagt)|если|如果|もし|만약)`,
  ].join('|'),
  'iu',
);
/** After the phrase, in the same sentence: the text then says what to do about it. */
const DEFENSIVE_AFTER = /^[^.!?\n]{0,160}?\b(?:refuse|decline|do\s+not\s+(?:comply|follow|obey)|don['’]t\s+(?:comply|follow|obey)|never\s+(?:comply|follow|obey)|ignore\s+(?:it|them|that|this)|report\s+(?:it|this)|flag\s+(?:it|this)|treat\s+(?:it|this|them)\s+as|is\s+an?\s+(?:attack|injection|attempt)|are\s+(?:attacks|injections)|as\s+(?:an?\s+)?(?:attack|injection|prompt\s+injection))(?![\p{L}])/iu;

/** Japanese and Korean negate after the verb: "無視しないで", "무시하지 마세요". */
const NEGATION_AFTER = /^(?:し(?:ない|ないで|ては(?:いけ|なら)|ちゃだめ)|せず|하지\s?(?:마|말|않)|지\s?(?:마|말))/u;

const OPEN_QUOTES = `"'“‘«\`「『`;
const CLOSE_QUOTES = `"'”’»\`」』`;

/** Sentence or clause start before `index` (bounded look-back). */
function clauseStart(text: string, index: number, max = 240): number {
  const from = Math.max(0, index - max);
  let best = from;
  for (let i = index - 1; i >= from; i--) {
    const c = text[i]!;
    if (c === '\n' && (text[i - 1] === '\n' || /^\s*(?:[-*+]|\d+[.)])\s/.test(text.slice(i + 1, i + 8)))) return i + 1;
    if ((c === '.' || c === '!' || c === '?' || c === '。' || c === '！' || c === '？') && /\s/.test(text[i + 1] ?? ' ')) return i + 1;
    if (c === '。' || c === '！' || c === '？') return i + 1;
  }
  return best;
}

/** Start of the line holding `index`, looking back at most `max` characters (linear over many calls). */
function lineStartBefore(text: string, index: number, max = 2000): number {
  const from = Math.max(0, index - max);
  for (let i = index - 1; i >= from; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return from;
}

function isQuoted(text: string, start: number, end: number): boolean {
  // Inside a double-quoted span of its line: an odd number of straight quotes, or an unclosed curly one, before it.
  const lineStart = lineStartBefore(text, start);
  let straight = 0;
  let curly = 0;
  for (let i = lineStart; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) straight++;
    else if (c === 0x201c || c === 0xab) curly++;
    else if ((c === 0x201d || c === 0xbb) && curly > 0) curly--;
  }
  if ((straight % 2 === 1 && text.slice(end, end + 400).includes('"')) || curly > 0) return true;
  // An opening quote or backtick within 3 characters before, a closing one within 80 after.
  const before = text.slice(Math.max(0, start - 3), start);
  const opener = [...before].reverse().find((c) => OPEN_QUOTES.includes(c) || CLOSE_QUOTES.includes(c));
  if (!opener) return false;
  const after = text.slice(end, end + 80);
  const nl = after.indexOf('\n');
  const line = nl >= 0 ? after.slice(0, nl) : after;
  for (const c of line) if (CLOSE_QUOTES.includes(c) || OPEN_QUOTES.includes(c)) return true;
  return false;
}

/** Inside inline code: an odd number of backticks before the phrase on its line. */
function inInlineCode(text: string, start: number): boolean {
  const lineStart = lineStartBefore(text, start);
  let ticks = 0;
  for (let i = lineStart; i < start; i++) if (text.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}

/**
 * Judge a phrase at `[start, end)` of `text`: `skip` when negated or described defensively, `mention` when quoted
 * or in inline code, else `attack`.
 */
export function placement(text: string, start: number, end: number): Placement {
  const cs = clauseStart(text, start);
  const before = text.slice(cs, start);
  if (NEGATION_BEFORE.test(before.slice(-40))) return 'skip';
  if (DEFENSIVE_BEFORE.test(before)) return 'skip';
  const after = text.slice(end, end + 200);
  if (DEFENSIVE_AFTER.test(after) || NEGATION_AFTER.test(after)) return 'skip';
  if (inInlineCode(text, start) || isQuoted(text, start, end)) return 'mention';
  return 'attack';
}

/** Contexts whose text the model treats as trusted instructions. */
export function isTrustedContext(segment: TextSegment, document: PromptDocument): boolean {
  return (
    segment.context === 'tool-description' || segment.context === 'system-message' || segment.context === 'instructions' ||
    ((segment.context === 'prose' || segment.context === 'html' || segment.context === 'raw') && isInstructionFile(document.file.path))
  );
}

/** Security severity of a finding from its base level, placement and segment. */
export function weigh(base: SecuritySeverity, place: Placement, segment: TextSegment, document: PromptDocument): SecuritySeverity {
  if (place === 'mention' || segment.context === 'code') return 'low';
  if (isTrustedContext(segment, document)) return base === 'high' ? 'critical' : base === 'medium' ? 'high' : base;
  return base;
}

const SCAN_CACHE = new WeakMap<TextSegment, PhraseMatch[]>();

/** Phrase matches of a segment's decoded value, computed once per segment for all injection rules. */
export function segmentPhrases(segment: TextSegment): PhraseMatch[] {
  let found = SCAN_CACHE.get(segment);
  if (!found) {
    found = scanInjectionPhrases(segment.value);
    SCAN_CACHE.set(segment, found);
  }
  return found;
}

/** Shorten a quoted phrase for a message (whitespace collapsed, at most `max` characters). */
export function shortPhrase(phrase: string, max = 80): string {
  const p = phrase.replace(/\s+/g, ' ').trim();
  return p.length > max ? `${p.slice(0, max - 1)}…` : p;
}

/**
 * Report every phrase of one kind in a segment (the shared loop of the phrase rules): overlapping matches once,
 * mentions skipped, severity weighed by placement, at most 50 candidates judged per segment (bounded work).
 */
export function reportPhrases(segment: TextSegment, context: RuleContext<any>, kind: PhraseMatch['kind'], messageId: string, base: SecuritySeverity): void {
  let lastEnd = -1;
  let budget = 50;
  for (const p of segmentPhrases(segment)) {
    if (p.kind !== kind || p.start < lastEnd) continue;
    if (--budget < 0) return;
    const place = placement(segment.value, p.start, p.end);
    if (place === 'skip') continue;
    lastEnd = p.end;
    const r = segmentRange(segment, p.start, p.end);
    context.report({ messageId, data: { phrase: shortPhrase(p.phrase) }, start: r.start, end: r.end, securitySeverity: weigh(base, place, segment, context.document) });
  }
}
