import type { Rule, SecuritySeverity } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * ANSI/VT terminal control sequences in text the model reads (tool descriptions above all): a terminal that
 * prints the text hides parts of it, rewrites lines or shows a link whose target differs from its label, while
 * the model reads everything. Raw ESC/CSI/OSC bytes are reported anywhere; escaped spellings (`\x1b[`,
 * `\u001b[`, `\033[`, `\e[`) written as text are reported outside code blocks and inline code.
 */
export const ansiEscape: Rule = {
  meta: {
    id: 'ansi-escape',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt and tool text must not contain terminal escape sequences that change what a user sees',
      preset: 'recommended',
      url: docsUrl('ansi-escape'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      raw: 'Terminal escape sequence {{seq}} ({{effect}}): a terminal shows something other than the text the model reads.',
      escaped: 'Escaped terminal escape sequence {{seq}} ({{effect}}): once printed by a client or tool it changes what the user sees.',
    },
  },
  checkSegment(segment, context) {
    const text = segment.value;
    const hasRaw = /[\x1b\x9b\x9d]/.test(text);
    const hasEscaped = text.includes('\\') || text.includes('^[');
    if (!hasRaw && !hasEscaped) return;
    let budget = MAX_REPORTS;
    if (hasRaw) {
      RAW.lastIndex = 0;
      for (let m = RAW.exec(text); m && budget > 0; m = RAW.exec(text)) {
        const body = m[0].replace(/^\x1b/, '').replace(/^\x9b/, '[').replace(/^\x9d/, ']');
        if (/^\]8;[^;]{0,200};(?:\x07|\x1b\\|\x9c)?$/.test(body)) continue; // the closing half of a hyperlink
        const { effect, severity } = classify(body);
        const r = segmentRange(segment, m.index, m.index + m[0].length);
        budget--;
        context.report({ messageId: 'raw', data: { seq: show(m[0]), effect }, start: r.start, end: r.end, securitySeverity: severity });
      }
    }
    if (hasEscaped && segment.context !== 'code' && segment.context !== 'comment' && segment.context !== 'key') {
      ESCAPED.lastIndex = 0;
      const code = inlineCodeTracker(text);
      for (let m = ESCAPED.exec(text); m && budget > 0; m = ESCAPED.exec(text)) {
        if (code(m.index)) continue;
        const intro = m[1]!;
        const body = m[0].slice(intro.length);
        const { effect, severity } = classify(body);
        const r = segmentRange(segment, m.index, m.index + m[0].length);
        budget--;
        context.report({ messageId: 'escaped', data: { seq: show(m[0]), effect }, start: r.start, end: r.end, securitySeverity: severity === 'high' ? 'high' : 'medium' });
      }
    }
  },
};

/** The engine keeps at most 1000 findings per file: stop looking once a segment has produced that many. */
const MAX_REPORTS = 1000;

/** ESC/C1 sequences: CSI (`ESC [` or U+009B), OSC (`ESC ]` or U+009D, to BEL or ST), and two-byte escapes. */
const RAW = /\x1b\[[0-9;:?<=>]{0,32}[ -/]{0,4}[@-~]|\x9b[0-9;:?<=>]{0,32}[ -/]{0,4}[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,2048}(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]{0,3}[0-~]/g;

/** Escaped spellings of ESC followed by a CSI or OSC introducer. */
const ESCAPED = /(\\x1[bB]|\\u001[bB]|\\u\{1[bB]\}|\\0?33|\\e|\^\[)(?:\[[0-9;:?<=>]{0,32}[ -/]{0,4}[@-~]|\][0-9]{1,4};[^\s\\]{0,2048}(?:\\x07|\\a|\\007|\\u0007)?)/g;

function classify(body: string): { effect: string; severity: SecuritySeverity } {
  if (body.startsWith(']')) {
    const code = /^\](\d{1,4})/.exec(body)?.[1];
    if (code === '8') {
      const url = /^\]8;[^;]{0,200};([^\x07\x1b\\\s]{0,200})/.exec(body)?.[1];
      return { effect: url ? `hyperlink to ${url.length > 60 ? `${url.slice(0, 57)}...` : url}` : 'hyperlink', severity: 'high' };
    }
    if (code === '52') return { effect: 'writes the clipboard', severity: 'high' };
    return { effect: 'operating system command', severity: 'medium' };
  }
  if (body.startsWith('[')) {
    const final = body[body.length - 1]!;
    const params = body.slice(1, -1);
    if (final === 'm') {
      if (params.split(/[;:]/).some((p) => p === '8')) return { effect: 'conceals text', severity: 'high' };
      return { effect: 'colour or style', severity: 'medium' };
    }
    if ('ABCDEFGHfdJKSTsu'.includes(final)) return { effect: 'moves the cursor or erases text', severity: 'high' };
    return { effect: 'terminal control', severity: 'medium' };
  }
  return { effect: 'terminal control', severity: 'medium' };
}

function show(seq: string): string {
  const s = seq.replace(/\x1b/g, 'ESC').replace(/\x9b/g, 'CSI').replace(/\x9d/g, 'OSC').replace(/\x07/g, 'BEL').replace(/\x9c/g, 'ST');
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Is an offset inside an inline code span (an odd number of backticks before it on its line)? Offsets must grow. */
function inlineCodeTracker(text: string): (at: number) => boolean {
  let pos = 0;
  let ticks = 0;
  return (at) => {
    for (; pos < at; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10) ticks = 0;
      else if (c === 96) ticks++;
    }
    return ticks % 2 === 1;
  };
}
