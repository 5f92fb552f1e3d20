import type { RuleContext, SecuritySeverity, TextSegment, Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { rawOffset } from '../util/position.ts';
import { firstAtLeast } from '../util/search.ts';
import { docsUrl } from './_docs-url.ts';
import { CUE_LABEL, findHiddenCues, quoteCue, type Cue, type CueKind } from './_hidden-cues.ts';

/**
 * Instructions hidden where a reader of the rendered file does not see them but the model does: HTML comments,
 * `[//]: # (...)` link-reference comments, elements styled invisible (`display:none`, `font-size:0`, white text)
 * and collapsed `<details>` blocks. Only hidden text that addresses an AI or reads like an injection, exfiltration
 * or tool-poisoning instruction is reported; ordinary comments (TODOs, licence headers, tool directives) are not.
 */
export const hiddenHtmlComment: Rule = {
  meta: {
    id: 'hidden-html-comment',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompts must not hide instructions for the model in HTML comments or invisible markup',
      preset: 'recommended',
      url: docsUrl('hidden-html-comment'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      comment: 'HTML comment hides {{what}} from readers of the rendered file: "{{phrase}}".',
      linkComment: 'Link-reference comment ([//]: #) hides {{what}} from readers of the rendered file: "{{phrase}}".',
      hiddenElement: 'Element styled invisible ({{how}}) hides {{what}} from readers of the rendered file: "{{phrase}}".',
      hiddenText: 'Element styled invisible ({{how}}) holds text a reader never sees but the model reads: "{{phrase}}".',
      collapsed: 'Collapsed <details> block holds {{what}}: "{{phrase}}".',
      altText: 'Image alt text, which the rendered file shows as a picture, hides {{what}}: "{{phrase}}".',
    },
  },
  contexts: ['prose', 'html', 'message', 'system-message', 'instructions', 'tool-description', 'config-value', 'front-matter'],
  checkSegment(segment, context) {
    const text = segment.value;
    const hasComment = text.includes('<!--');
    const hasLinkComment = text.includes(']:');
    const hasTag = text.includes('<');
    const hasImage = text.includes('![') || /<img\b/i.test(text);
    if (!hasComment && !hasLinkComment && !hasTag && !hasImage) return;
    const severity = severityFor(segment, context);
    if (hasComment) checkComments(segment, context, severity);
    if (hasLinkComment) checkLinkComments(segment, context, severity);
    if (hasImage) checkAltText(segment, context, severity);
    // In Markdown an element's content may span blocks (blank lines split it into segments): the whole file is
    // searched once in checkDocument instead.
    if (hasTag && !MARKDOWN_FORMATS.has(context.document.format)) {
      checkElements({ text, range: (s, e) => segmentRange(segment, s, e) }, context, severity);
    }
  },
  checkDocument(document, context) {
    if (!MARKDOWN_FORMATS.has(document.format) || !document.file.text.includes('<')) return;
    const code = document.segments.filter((s) => s.context === 'code').map((s) => [rawOffset(s.map, 0), rawOffset(s.map, s.value.length)] as const);
    const frontMatter = document.segments.filter((s) => s.context === 'front-matter' || s.context === 'instructions');
    const fmEnd = frontMatter.length ? Math.max(...frontMatter.map((s) => rawOffset(s.map, s.value.length))) : 0;
    let ci = 0;
    const skip = (offset: number): boolean => {
      if (offset < fmEnd) return true;
      while (ci < code.length && code[ci]![1] <= offset) ci++;
      return ci < code.length && code[ci]![0] <= offset;
    };
    const severity = RULES_FILE.test(document.file.path.replace(/\\/g, '/')) ? 'critical' : 'high';
    checkElements({ text: document.file.text, range: (s, e) => ({ start: s, end: e }), skip }, context, severity);
  },
};

const MARKDOWN_FORMATS: ReadonlySet<string> = new Set(['markdown', 'text', 'prompty', 'dotprompt']);

/** Tool descriptions and rules files are read as trusted instructions: one level up. */
function severityFor(segment: TextSegment, context: RuleContext): SecuritySeverity {
  if (segment.context === 'tool-description' || segment.context === 'instructions' || segment.context === 'system-message') return 'critical';
  return RULES_FILE.test(context.document.file.path.replace(/\\/g, '/')) ? 'critical' : 'high';
}

const RULES_FILE = /(?:^|\/)(?:\.cursorrules|\.windsurfrules|\.clinerules|CLAUDE\.md|AGENTS\.md|GEMINI\.md|copilot-instructions\.md|SKILL\.md)$|\.(?:mdc|instructions\.md|prompt\.md|agent\.md|chatmode\.md)$|(?:^|\/)\.(?:cursor|windsurf|clinerules|github\/instructions)\//i;

/** Tool and editor directives inside comments: never instructions for the model. */
const DIRECTIVE = /^\s{0,10}(?:promptlint|eslint|markdownlint|prettier|cspell|textlint|vale|lint|toc|omit\sin\stoc|BEGIN|END|START|STOP|region|endregion|#region|#endregion|spell-checker|alex|remark-)/i;
/** Words just before a phrase that make it a mention (the comment discusses an attack rather than making one). */
const MENTION_NEAR = /\b(?:for\s(?:example|instance)|e\.g\.|such\sas|examples?\sof|attacks?\s(?:like|such\sas|where|that|using)|phrases?\slike|detects?|detection\sof|test\scases?\sfor|fixtures?\sfor)\b/i;
/** A quoted phrase is a mention when the comment is about attacks or examples. */
const MENTION_ANY = /\b(?:examples?|e\.g\.|attacks?|injections?|malicious|detects?|detection|tests?|fixtures?)\b/i;

/** Which cue a message quotes when several match: the most specific first. */
const PRIORITY: readonly CueKind[] = ['injection', 'execution', 'exfiltration', 'tool-poisoning', 'secrecy', 'address'];

function firstCue(body: string): Cue | undefined {
  if (DIRECTIVE.test(body)) return undefined;
  let best: Cue | undefined;
  for (const cue of findHiddenCues(body)) {
    if (best && PRIORITY.indexOf(cue.kind) >= PRIORITY.indexOf(best.kind)) continue;
    if (MENTION_NEAR.test(body.slice(Math.max(0, cue.start - 80), cue.start))) continue;
    if (quoted(body, cue) && MENTION_ANY.test(body)) continue;
    best = cue;
  }
  return best;
}

/** The phrase sits inside quotes or backticks. */
function quoted(body: string, cue: Cue): boolean {
  const before = body.slice(Math.max(0, cue.start - 2), cue.start);
  const after = body.slice(cue.end, cue.end + 2);
  return /["'`“‘]\s?$/.test(before) && /^\s?["'`”’]/.test(after);
}

function checkComments(segment: TextSegment, context: RuleContext, severity: SecuritySeverity): void {
  const text = segment.value;
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) return;
    const close = text.indexOf('-->', open + 4);
    const end = close < 0 ? text.length : close + 3;
    const body = text.slice(open + 4, close < 0 ? text.length : close);
    const cue = firstCue(body);
    if (cue) {
      const r = segmentRange(segment, open, end);
      context.report({ messageId: 'comment', data: { what: CUE_LABEL[cue.kind], phrase: quoteCue(cue.phrase) }, start: r.start, end: r.end, securitySeverity: severity });
    }
    if (close < 0) return;
    from = end;
  }
}

/** `[//]: # (text)`, `[comment]: <> "text"`, `[_]: # 'text'` on a line of their own. */
const LINK_COMMENT = /^[ \t]{0,3}\[(?:\/\/|comment|_|#|\s?)\]:[ \t]{0,10}(?:#|<>|<#>)[ \t]{0,10}(?:\(([^\n]{0,4000})\)|"([^\n]{0,4000})"|'([^\n]{0,4000})')[ \t]{0,40}$/gim;

function checkLinkComments(segment: TextSegment, context: RuleContext, severity: SecuritySeverity): void {
  const text = segment.value;
  LINK_COMMENT.lastIndex = 0;
  for (let m = LINK_COMMENT.exec(text); m; m = LINK_COMMENT.exec(text)) {
    const body = m[1] ?? m[2] ?? m[3] ?? '';
    const cue = firstCue(body);
    if (!cue) continue;
    const lead = m[0].length - m[0].trimStart().length;
    const r = segmentRange(segment, m.index + lead, m.index + m[0].trimEnd().length);
    context.report({ messageId: 'linkComment', data: { what: CUE_LABEL[cue.kind], phrase: quoteCue(cue.phrase) }, start: r.start, end: r.end, securitySeverity: severity });
  }
}

/** `![alt](…)` and `<img … alt="…">`: the reader sees the picture, the model reads the alt text. */
const ALT_TEXT = /!\[([^[\]\n]{12,1000})\]\(|<img\b[^<>]{0,1000}?\balt\s{0,3}=\s{0,3}(?:"([^"<>]{12,1000})"|'([^'<>]{12,1000})')/gi;

function checkAltText(segment: TextSegment, context: RuleContext, severity: SecuritySeverity): void {
  const text = segment.value;
  ALT_TEXT.lastIndex = 0;
  for (let m = ALT_TEXT.exec(text); m; m = ALT_TEXT.exec(text)) {
    const alt = m[1] ?? m[2] ?? m[3] ?? '';
    const cue = firstCue(alt);
    if (!cue) continue;
    const s = text.indexOf(alt, m.index);
    const r = segmentRange(segment, s, s + alt.length);
    context.report({ messageId: 'altText', data: { what: CUE_LABEL[cue.kind], phrase: quoteCue(cue.phrase) }, start: r.start, end: r.end, securitySeverity: severity === 'critical' ? 'critical' : 'medium' });
  }
}

const OPEN_TAG = /<([a-z][a-z0-9-]{0,20})\b([^<>]{0,2000})>/gi;
const STYLE_ATTR = /\bstyle\s{0,5}=\s{0,5}(?:"([^"<>]{0,1000})"|'([^'<>]{0,1000})')/i;
const WHITE = String.raw`(?:white|#fff(?:fff)?\b|rgba?\(\s{0,3}255\s{0,3},\s{0,3}255\s{0,3},\s{0,3}255\b[^)]{0,20}\))`;
const WHITE_TEXT = new RegExp(String.raw`(?:^|;|\s)color\s{0,3}:\s{0,3}${WHITE}`, 'i');
const BACKGROUND = /background(?:-color)?\s{0,3}:\s{0,3}([^;]{1,100})/i;

/** How an element is hidden, or undefined when it is visible. */
function hiddenHow(tag: string, attrs: string): string | undefined {
  if (/(?:^|\s)hidden(?:\s|=|$)/i.test(attrs)) return 'hidden attribute';
  if (tag === 'font' && new RegExp(String.raw`\bcolor\s{0,3}=\s{0,3}["']?${WHITE}`, 'i').test(attrs)) return 'white text';
  const m = STYLE_ATTR.exec(attrs);
  if (!m) return undefined;
  const style = m[1] ?? m[2] ?? '';
  if (/display\s{0,3}:\s{0,3}none/i.test(style)) return 'display:none';
  if (/visibility\s{0,3}:\s{0,3}hidden/i.test(style)) return 'visibility:hidden';
  if (/font-size\s{0,3}:\s{0,3}0(?:\.0{1,5})?(?:px|pt|em|rem|%)?\s{0,3}(?:;|!|$)/i.test(style)) return 'font-size:0';
  if (/(?:^|;|\s)opacity\s{0,3}:\s{0,3}0(?:\.0{1,5})?\s{0,3}(?:;|!|$)/i.test(style)) return 'opacity:0';
  if (/(?:^|;|\s)(?:max-)?height\s{0,3}:\s{0,3}0(?:px)?\s{0,3}(?:;|!|$)/i.test(style) && /overflow\s{0,3}:\s{0,3}hidden/i.test(style)) return 'height:0';
  if (WHITE_TEXT.test(style)) {
    const bg = BACKGROUND.exec(style);
    if (!bg || new RegExp(`^\\s{0,3}${WHITE}`, 'i').test(bg[1]!)) return 'white text';
  }
  return undefined;
}

/** A text in which hidden elements are searched: a segment, or the whole Markdown file. */
interface Scope {
  readonly text: string;
  range(start: number, end: number): { start: number; end: number };
  /** Offsets to ignore (fenced code in a Markdown file). */
  skip?(offset: number): boolean;
}

function checkElements(scope: Scope, context: RuleContext, severity: SecuritySeverity): void {
  const text = scope.text;
  let lower: string | undefined;
  const closers = new Map<string, number[]>();
  /** First `</tag` at or after `from`: one pass per tag name, then binary search (no rescans). */
  const nextClose = (tag: string, from: number): number => {
    let list = closers.get(tag);
    if (!list) {
      lower ??= text.toLowerCase();
      list = [];
      const needle = `</${tag}`;
      for (let k = lower.indexOf(needle); k >= 0; k = lower.indexOf(needle, k + 1)) list.push(k);
      closers.set(tag, list);
    }
    const k = firstAtLeast(list, from);
    return k < list.length ? list[k]! : -1;
  };
  OPEN_TAG.lastIndex = 0;
  let skipUntil = 0;
  for (let m = OPEN_TAG.exec(text); m; m = OPEN_TAG.exec(text)) {
    if (m.index < skipUntil || scope.skip?.(m.index)) continue;
    const tag = m[1]!.toLowerCase();
    const details = tag === 'details' && !/\bopen\b/i.test(m[2]!);
    const how = details ? undefined : hiddenHow(tag, m[2]!);
    if (!how && !details) continue;
    const contentStart = m.index + m[0].length;
    let closeAt = nextClose(tag, contentStart);
    if (closeAt - contentStart > MAX_CONTENT) closeAt = -1;
    const contentEnd = closeAt < 0 ? Math.min(text.length, contentStart + MAX_CONTENT) : closeAt;
    const gt = closeAt < 0 ? -1 : text.slice(closeAt, closeAt + 40).indexOf('>');
    const closeEnd = closeAt < 0 ? contentEnd : gt < 0 ? closeAt + tag.length + 2 : closeAt + gt + 1;
    // Each character is read as content at most once: nested elements are inside the outer one.
    skipUntil = contentEnd;
    const content = text.slice(contentStart, contentEnd).replace(/<[^<>]{0,2000}>/g, ' ');
    const cue = firstCue(content);
    const r = scope.range(m.index, closeEnd);
    if (cue) {
      if (details) context.report({ messageId: 'collapsed', data: { what: CUE_LABEL[cue.kind], phrase: quoteCue(cue.phrase) }, start: r.start, end: r.end, securitySeverity: severity === 'critical' ? 'high' : 'medium' });
      else context.report({ messageId: 'hiddenElement', data: { how: how!, what: CUE_LABEL[cue.kind], phrase: quoteCue(cue.phrase) }, start: r.start, end: r.end, securitySeverity: severity });
    } else if (how) {
      const words = content.match(/\p{L}{2,}/gu);
      if (words && words.length >= 4) context.report({ messageId: 'hiddenText', data: { how, phrase: quoteCue(content) }, start: r.start, end: r.end, securitySeverity: 'medium' });
    }
  }
}

const MAX_CONTENT = 10000;
