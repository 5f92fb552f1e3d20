import type { PromptDocument, PromptMessageNode, Rule, RuleContext, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Templates whose rendering runs code:
 * - a LangChain prompt with `template_format: jinja2` (rendering a shared template executes it: CVE-2023-36281);
 * - a Jinja2 server-side template injection payload anywhere (`{{ ''.__class__.__mro__ }}`, `{% import os %}`);
 * - attribute or index traversal in an f-string template (`{msg.__class__}`, `{data[key]}`: CVE-2025-65106).
 *
 * Prompty (Jinja2) and Dotprompt (Handlebars) use `{{var}}` by design: only real payloads count there.
 */
export const templateCodeExecution: Rule = {
  meta: {
    id: 'template-code-execution',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompt templates must not execute code: no shared Jinja2 LangChain templates, SSTI payloads or f-string attribute traversal',
      preset: 'recommended',
      url: docsUrl('template-code-execution'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      jinja2Format: "LangChain prompt uses template_format '{{format}}': rendering a shared Jinja2 template can execute code (CVE-2023-36281); use f-string or mustache.",
      ssti: "Jinja2 template injection payload '{{snippet}}' ({{why}}): rendering it reaches Python internals and can run commands.",
      fstringTraversal: "f-string placeholder '{{placeholder}}' traverses {{what}}: LangChain f-string templates must use plain variable names (CVE-2025-65106).",
    },
  },
  checkDocument(doc, context) {
    const langchain = doc.kind === 'langchain' || doc.kind === 'langchain-legacy';
    if (langchain) {
      const reportedFormats = new Set<string>();
      for (const node of doc.nodes) {
        if (node.type !== 'prompt-message') continue;
        const format = (node.templateFormat ?? '').toLowerCase();
        if (format === 'jinja2' || format === 'jinja') jinja2Format(doc, node, context, reportedFormats);
        if (format === 'f-string' || format === 'fstring') fstringTraversal(node.template, context);
      }
    }
    const docsFormat = doc.format === 'markdown' || doc.format === 'text';
    for (const seg of doc.segments) {
      if (seg.context === 'comment' || seg.context === 'key') continue;
      if (docsFormat && seg.context === 'code') continue;
      ssti(seg, context, docsFormat);
    }
  },
};

// -------------------------------------------------------------------------------------------- jinja2

function jinja2Format(doc: PromptDocument, node: PromptMessageNode, context: RuleContext, done: Set<string>): void {
  const formatPath = [...node.template.path.slice(0, -1), 'template_format'].join('\u0000');
  if (done.has(formatPath)) return;
  done.add(formatPath);
  const seg = doc.segments.find((s) => s.path.join('\u0000') === formatPath);
  const r = seg ? segmentRange(seg, 0, seg.value.length) : segmentRange(node.template, 0, Math.min(node.template.value.length, lineEnd(node.template.value)));
  context.report({ messageId: 'jinja2Format', data: { format: node.templateFormat ?? 'jinja2' }, start: r.start, end: r.end, securitySeverity: 'high' });
}

function lineEnd(s: string): number {
  const i = s.indexOf('\n');
  return i < 0 ? s.length : Math.max(1, i);
}

// ---------------------------------------------------------------------------------------------- SSTI

/**
 * The next `{{` or `{%` opener at or after `from`, as /\{\{|\{%/g finds them left to right without overlap, but
 * without a regex call per opener (500,000 `{{` in a row must cost what their length costs).
 */
function nextOpen(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i >= 0; i = text.indexOf('{', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 123 || c === 37) return i;
  }
  return -1;
}

/**
 * The next `{%` at or after `from` that a left-to-right scan for openers would find: a `{%` preceded by an odd
 * number of `{` is not one, since that `{` pairs with the one before it as `{{`. `from` is where a scan resumes
 * (just after an opener), so a run of `{` is counted from there at the earliest.
 */
function nextStatementOpen(text: string, from: number): number {
  for (let p = text.indexOf('{%', from); p >= 0; p = text.indexOf('{%', p + 1)) {
    let k = p;
    while (k > from && text.charCodeAt(k - 1) === 123) k--;
    if ((p - k) % 2 === 0) return p;
  }
  return -1;
}
const MAX_BLOCK = 400;
const DUNDER = /__(?:class|globals|subclasses|builtins|mro|import|base|bases|init|dict|getattribute|reduce(?:_ex)?|code|loader|spec|self|func|closure|module)__/;
const ATTR_FILTER = /\|\s{0,3}attr\s{0,3}\(/;
const ESCAPED_UNDERSCORE = /\\x5f|\\u005f|\\137/i;
const GADGET = /\b(?:cycler|joiner|lipsum|namespace|range|dict|config|request|self)\s{0,3}(?:\.\s{0,3}_|\[\s{0,3}['"]_|\|\s{0,3}attr)|_TemplateReference__context/;
const OS_CALL = /\b(?:os|subprocess|builtins|sys)\s{0,3}\.\s{0,3}(?:popen|system|check_output|getoutput|run|call|exec\w{0,3}|spawn\w{0,3}|modules)\b|\bpopen\s{0,3}\(/;
const IMPORT_STMT = /^-?\s{0,3}(?:import|from\s{1,3}[\w."']{1,100}\s{1,3}import)\s/;

/** Next index of `needle` at or after `from`, cached so that a scan over many openers stays linear. */
class NextIndex {
  #at = -2;
  constructor(readonly text: string, readonly needle: string) {}
  from(i: number): number {
    if (this.#at === -1) return -1;
    if (this.#at < i) this.#at = this.text.indexOf(this.needle, i);
    return this.#at;
  }
}

/** Is `[start, end)` inside a Markdown inline code span on its line (looked at within 200 units)? */
function inInlineCode(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 200), start);
  const after = text.slice(end, end + 200);
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
  const nl = after.indexOf('\n');
  const lineAfter = nl < 0 ? after : after.slice(0, nl);
  return lineBefore.includes('`') && lineAfter.includes('`');
}

function ssti(seg: TextSegment, context: RuleContext, docsFormat: boolean): void {
  const text = seg.value;
  if (!text.includes('{{') && !text.includes('{%')) return;
  const closeExpr = new NextIndex(text, '}}');
  const closeStmt = new NextIndex(text, '%}');
  let resumeAt = 0;
  let exprDead = false;
  let stmtDead = false;
  // Once no `}}` is left, only `{%` openers can lead anywhere: jump from one to the next.
  for (let at = nextOpen(text, 0); at >= 0; at = exprDead ? nextStatementOpen(text, at + 2) : nextOpen(text, at + 2)) {
    if (at < resumeAt) continue;
    const statement = text.charCodeAt(at + 1) === 37;
    const close = (statement ? closeStmt : closeExpr).from(at + 2);
    if (close < 0) {
      if (statement) stmtDead = true;
      else exprDead = true;
      if (exprDead && stmtDead) break;
      continue;
    }
    if (close - at > MAX_BLOCK) continue;
    const inner = text.slice(at + 2, close);
    let why: string | undefined;
    if (statement && IMPORT_STMT.test(inner)) why = 'an import statement';
    else if (DUNDER.test(inner)) why = `'${DUNDER.exec(inner)![0]}'`;
    else if (GADGET.test(inner)) why = 'a Jinja2 global gadget';
    else if (ATTR_FILTER.test(inner) && /['"]_|\\x5f|\\u005f/.test(inner)) why = 'the attr filter with a private name';
    else if (ESCAPED_UNDERSCORE.test(inner)) why = 'an escaped underscore';
    else if (OS_CALL.test(inner)) why = 'an OS call';
    if (!why) continue;
    const end = close + 2;
    resumeAt = end;
    // A Markdown inline code span explaining a payload is documentation.
    if (docsFormat && inInlineCode(text, at, end)) continue;
    const r = segmentRange(seg, at, end);
    const snippet = text.slice(at, end).replace(/\s+/g, ' ');
    context.report({ messageId: 'ssti', data: { snippet: snippet.length > 60 ? `${snippet.slice(0, 57)}...` : snippet, why }, start: r.start, end: r.end, securitySeverity: 'critical' });
  }
}

// ---------------------------------------------------------------------------------------- f-strings

const FIELD = /^[A-Za-z_]\w{0,63}(?:\.[A-Za-z_]\w{0,63}|\[[^\]{}]{1,64}\]){1,16}$/;
const ANY_DUNDER = /__\w{1,30}__/;

function fstringTraversal(seg: TextSegment, context: RuleContext): void {
  const text = seg.value;
  const n = text.length;
  const closes = new NextIndex(text, '}');
  const opens = new NextIndex(text, '{');
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      if (text.charCodeAt(i + 1) === 123) {
        i++;
        continue;
      }
      const close = closes.from(i + 1);
      if (close < 0) return;
      const nextOpen = opens.from(i + 1);
      const end = nextOpen >= 0 && nextOpen < close ? nextOpen : close;
      if (end - i > 260) continue;
      const field = text.slice(i + 1, end).split(/[!:]/, 1)[0]!.trim();
      if (FIELD.test(field)) {
        const dunder = ANY_DUNDER.test(field);
        const r = segmentRange(seg, i, close + 1);
        context.report({
          messageId: 'fstringTraversal',
          data: { placeholder: text.slice(i, Math.min(close + 1, i + 80)), what: dunder ? 'Python object internals' : 'attributes or indexes of an input' },
          start: r.start,
          end: r.end,
          securitySeverity: dunder ? 'critical' : 'high',
        });
      }
      i = end - 1;
    } else if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) i++;
  }
}
