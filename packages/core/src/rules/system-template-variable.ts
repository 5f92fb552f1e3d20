import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';

export interface SystemTemplateVariableOptions {
  /** Input variables that may appear in a system message (developer-controlled values such as dates). */
  allowVariables?: string[];
}

/** Variables that are normally filled by the application, not by the user. */
export const DEFAULT_ALLOWED_SYSTEM_VARIABLES = ['date', 'current_date', 'today', 'now', 'time', 'current_time', 'datetime', 'format_instructions', 'tool_names', 'tools'];

/**
 * An input variable interpolated into a system message of a hub prompt: whoever fills that variable writes
 * into the most trusted part of the prompt. Strict preset only: `{context}` in a RAG system prompt and
 * CrewAI-style `{topic}` placeholders are common and often fine.
 */
export const systemTemplateVariable: Rule<SystemTemplateVariableOptions> = {
  meta: {
    id: 'system-template-variable',
    category: 'injection',
    type: 'suggestion',
    docs: {
      description: 'Input variables should not be interpolated into a system message, where injected text gets system authority',
      preset: 'strict',
      url: docsUrl('system-template-variable'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'medium',
    messages: {
      variable: "Input variable '{{name}}' is interpolated into a system message: text supplied through it is read with system authority. Move it to a human message or allow-list it.",
    },
    schema: {
      type: 'object',
      properties: {
        allowVariables: { type: 'array', items: { type: 'string' }, description: 'Input variables allowed in system messages (replaces the default list)' },
      },
      additionalProperties: false,
    },
    defaultOptions: { allowVariables: DEFAULT_ALLOWED_SYSTEM_VARIABLES },
  },
  checkDocument(doc, context) {
    const allowed = new Set(context.options.allowVariables ?? DEFAULT_ALLOWED_SYSTEM_VARIABLES);
    for (const node of doc.nodes) {
      if (node.type !== 'prompt-message' || (node.role ?? '').toLowerCase() !== 'system') continue;
      const inputs = new Set(node.inputVariables ?? []);
      if (!inputs.size) continue;
      const format = (node.templateFormat ?? 'f-string').toLowerCase();
      const found = format === 'mustache' || format === 'jinja2' || format === 'jinja' || format === 'handlebars' ? doubleBrace(node.template.value) : fstring(node.template.value);
      for (const p of found) {
        if (!inputs.has(p.name) || allowed.has(p.name)) continue;
        const r = segmentRange(node.template, p.start, p.end);
        context.report({ messageId: 'variable', data: { name: p.name }, start: r.start, end: r.end });
      }
    }
  },
};

interface Placeholder {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const ROOT = /^\s{0,20}[#^&{]?\s{0,20}([A-Za-z_][\w-]{0,99})/;

/** `{name}` placeholders of a Python f-string template (`{{` and `}}` are literal braces). */
function fstring(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  let close = -2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 125 && text.charCodeAt(i + 1) === 125) {
      i++;
      continue;
    }
    if (c !== 123) continue;
    if (text.charCodeAt(i + 1) === 123) {
      i++;
      continue;
    }
    if (close !== -1 && close <= i) close = text.indexOf('}', i + 1);
    if (close < 0) break;
    if (close - i > 200) continue;
    const m = /^([A-Za-z_]\w{0,99})/.exec(text.slice(i + 1, close));
    if (m) out.push({ name: m[1]!, start: i, end: close + 1 });
    i = close;
  }
  return out;
}

/** `{{ name }}` tags of a mustache, Handlebars or Jinja2 template (comments and partials skipped). */
function doubleBrace(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  let close = -2;
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    if (close !== -1 && close < open + 2) close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    from = open + 2;
    if (close - open > 200) continue;
    const inner = text.slice(open + 2, close);
    if (/^\s{0,20}[!>/]/.test(inner)) {
      from = close + 2;
      continue;
    }
    const m = ROOT.exec(inner);
    if (m) out.push({ name: m[1]!, start: open, end: close + (text.charCodeAt(close + 2) === 125 && inner.startsWith('{') ? 3 : 2) });
    from = close + 2;
  }
  return out;
}
