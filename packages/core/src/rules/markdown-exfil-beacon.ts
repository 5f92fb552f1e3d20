import { domainToASCII } from 'node:url';
import type { PromptDocument, Rule, SecuritySeverity } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { hostInList, isLocalName, trimTrailingDots } from '../util/hosts.ts';
import { docsUrl } from './_docs-url.ts';

export interface MarkdownExfilBeaconOptions {
  /** Hosts whose images and links may carry variables (exact, `*.suffix` or `*-label` patterns). */
  allowedHosts?: string[];
}

/**
 * An image or link to a fixed external host whose path or query carries template variables, conversation
 * data, or a placeholder the model is told to fill: when the answer is rendered, the data leaves with the
 * request (images load with no click at all).
 *
 * securitySeverity: `critical` for images and other auto-loading elements, `high` for links, `medium` for either
 * inside a code block or an inline code span (a mention more often than an instruction).
 */
export const markdownExfilBeacon: Rule<MarkdownExfilBeaconOptions> = {
  meta: {
    id: 'markdown-exfil-beacon',
    category: 'exfiltration',
    type: 'problem',
    docs: {
      description: 'Images and links must not carry template variables or conversation data to an external host',
      preset: 'recommended',
      url: docsUrl('markdown-exfil-beacon'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      image: "Image URL sends {{what}} to external host '{{host}}': the data leaves as soon as the image is rendered, with no click.",
      link: "Link URL sends {{what}} to external host '{{host}}' when the link is followed.",
    },
    schema: {
      type: 'object',
      properties: {
        allowedHosts: { type: 'array', items: { type: 'string' }, description: 'Hosts whose images and links may carry variables' },
      },
      additionalProperties: false,
    },
    defaultOptions: { allowedHosts: [] },
  },
  checkSegment(segment, context) {
    const allowed = context.options.allowedHosts ?? [];
    for (const hit of findBeacons(segment.value)) {
      if (allowed.length && hostInList(hit.host, allowed)) continue;
      const r = segmentRange(segment, hit.start, hit.end);
      // A reference definition is an image when an image elsewhere in the document uses it (`![a][id]`).
      const image = hit.image || imageUrlStarts(context.document).has(r.start) || (hit.label !== undefined && documentImageLabels(context.document).has(hit.label));
      const mention = segment.context === 'code' || hit.inCode;
      const severity: SecuritySeverity = mention ? 'medium' : image ? 'critical' : 'high';
      context.report({ messageId: image ? 'image' : 'link', data: { what: hit.what, host: hit.host }, start: r.start, end: r.end, securitySeverity: severity });
    }
  },
};

const imageStarts = new WeakMap<PromptDocument, Set<number>>();
const imageLabelsByDoc = new WeakMap<PromptDocument, Set<string>>();

/** Labels of image references anywhere in the file (a definition and its use may sit in different blocks). */
function documentImageLabels(doc: PromptDocument): Set<string> {
  let set = imageLabelsByDoc.get(doc);
  if (!set) {
    set = imageReferenceLabels(doc.file.text);
    imageLabelsByDoc.set(doc, set);
  }
  return set;
}

/** Raw URL offsets of the images the adapter found (reference images point at their definition's URL). */
function imageUrlStarts(doc: PromptDocument): Set<number> {
  let set = imageStarts.get(doc);
  if (!set) {
    set = new Set();
    for (const n of doc.nodes) if (n.type === 'link' && n.image) set.add(n.urlStart);
    imageStarts.set(doc, set);
  }
  return set;
}

export interface Beacon {
  /** Decoded range of the URL in the text. */
  readonly start: number;
  readonly end: number;
  readonly image: boolean;
  readonly host: string;
  readonly what: string;
  /** The URL sits in an inline code span. */
  readonly inCode: boolean;
  /** Normalised label of a reference definition (`[label]: url`). */
  readonly label?: string;
}

const MAX_URL = 2048;

/**
 * Where a URL starts in a carrier (all bounded, so the scan is linear):
 * 1. `](` of a Markdown link or image (`[t](u`, `![a](u`, also the outer link of a badge `[![a](i)](u`);
 * 2. an HTML attribute that loads or links a URL (`<img src=`, `<a href=`, `srcset`, `poster`, …);
 * 3. a link reference definition `[id]: u`;
 * 4. an autolink `<u>`.
 * Each branch ends just before the URL, which must start with http(s)://.
 */
const CARRIER = /\]\([ \t]{0,10}(<?)(?=https?:\/\/)|<(img|a|source|iframe|video|audio|image|embed|object|input|link|script|track|frame|body|table|td)\b[^<>]{0,1000}?\s(?:src|href|srcset|poster|data|background|xlink:href)[ \t]{0,5}=[ \t]{0,5}(["']?)(?=https?:\/\/)|^[ \t]{0,3}\[([^\]\n]{1,200})\]:[ \t]{0,10}(<?)(?=https?:\/\/)|<(?=https?:\/\/[^\s<>]{1,2048}>)/gim;

type EndMode = 'markdown' | 'angle' | 'quoted' | 'unquoted' | 'definition';

/** Every beacon in a text (decoded offsets). Exported for tests and other rules. */
export function findBeacons(text: string): Beacon[] {
  const out: Beacon[] = [];
  if (!text.includes('://')) return out;
  let imageLabels: Set<string> | undefined;
  const inCode = codeSpanTracker(text);
  CARRIER.lastIndex = 0;
  for (let m = CARRIER.exec(text); m; m = CARRIER.exec(text)) {
    const urlStart = m.index + m[0].length;
    let mode: EndMode;
    let quote = '';
    let image = false;
    let kind: 'markdown' | 'html' | 'definition' | 'autolink';
    if (m[0].startsWith('](')) {
      kind = 'markdown';
      mode = m[1] ? 'angle' : 'markdown';
    } else if (m[2] !== undefined) {
      kind = 'html';
      quote = m[3] ?? '';
      mode = quote ? 'quoted' : 'unquoted';
      // Everything but a plain `<a href>` loads by itself when rendered.
      image = m[2].toLowerCase() !== 'a';
    } else if (m[4] !== undefined) {
      kind = 'definition';
      mode = m[5] ? 'angle' : 'definition';
    } else {
      kind = 'autolink';
      mode = 'angle';
    }
    const urlEnd = scanUrlEnd(text, urlStart, mode, quote);
    if (urlEnd <= urlStart) continue;
    CARRIER.lastIndex = Math.max(CARRIER.lastIndex, urlEnd);
    const verdict = analyse(text.slice(urlStart, urlEnd));
    if (!verdict) continue;
    let label: string | undefined;
    if (kind === 'markdown') image = isImageLink(text, m.index);
    else if (kind === 'definition') {
      label = normalizeLabel(m[4]!);
      imageLabels ??= imageReferenceLabels(text);
      image = imageLabels.has(label);
    }
    out.push({ start: urlStart, end: urlEnd, image, host: verdict.host, what: verdict.what, inCode: inCode(urlStart), label });
  }
  return out;
}

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const PERCENT = 0x25;

/**
 * End of a URL that starts at `start`. Template groups (`{{ chat history }}`, `{% … %}`, `{var}`, `${x}`) are taken
 * whole, spaces included, since the template engine fills them before anything is rendered.
 */
function scanUrlEnd(text: string, start: number, mode: EndMode, quote: string): number {
  let i = start;
  let depth = 0;
  const q = quote ? quote.charCodeAt(0) : -1;
  const limit = Math.min(text.length, start + MAX_URL);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === LBRACE) {
      const close = templateClose(text, i);
      if (close > i) {
        i = close;
        continue;
      }
    }
    // Whitespace and line breaks end a URL outside template groups.
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
    if (c === q && mode === 'quoted') break;
    if (c === 0x3e /* > */ && (mode === 'angle' || mode === 'unquoted')) break;
    if ((c === 0x22 || c === 0x27) && mode === 'unquoted') break;
    if (mode === 'markdown') {
      if (c === 0x28 /* ( */) depth++;
      else if (c === 0x29 /* ) */) {
        if (depth === 0) break;
        depth--;
      }
    }
    i++;
  }
  return i;
}

/**
 * Index just after the template group opening at `i` (`{{…}}`, `{%…%}`, `{…}`), or -1. Bounded to 200 characters
 * on one line, and stops at the next `{`, so scanning a run of braces stays linear.
 */
function templateClose(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  const double = next === LBRACE || next === PERCENT;
  const from = i + (double ? 2 : 1);
  const limit = Math.min(text.length, from + 200);
  for (let k = from; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === LBRACE) return -1;
    if (c !== RBRACE) continue;
    if (!double) return k + 1;
    const prev = text.charCodeAt(k - 1);
    if (next === PERCENT ? prev === PERCENT && k - 1 >= from : text.charCodeAt(k + 1) === RBRACE) return next === PERCENT ? k + 1 : k + 2;
  }
  return -1;
}

/**
 * Is the `](` at `close` the end of an image's alt text? Walk back to the matching `[`, at most 1,000 characters
 * and never across a blank line (the CR of a CRLF is not counted, so Windows files read as LF files do).
 */
function isImageLink(text: string, close: number): boolean {
  let depth = 0;
  let budget = 1000;
  for (let k = close - 1; k >= 0 && budget > 0; k--) {
    const c = text[k];
    if (c === '\r' && text[k + 1] === '\n') continue;
    budget--;
    if (c === ']') depth++;
    else if (c === '[') {
      if (depth === 0) return text[k - 1] === '!';
      depth--;
    } else if (c === '\n' && (text[k - 1] === '\n' || (text[k - 1] === '\r' && text[k - 2] === '\n'))) return false;
  }
  return false;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Labels used by image references: `![alt][label]`, `![label][]`, `![label]`. */
function imageReferenceLabels(text: string): Set<string> {
  const labels = new Set<string>();
  const re = /!\[([^[\]\n]{0,500})\](?:\[([^[\]\n]{0,200})\])?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) labels.add(normalizeLabel(m[2] ? m[2] : m[1]!));
  return labels;
}

/**
 * Is an offset inside an inline code span on its line (after an odd number of backtick runs)? Offsets must be
 * asked in increasing order: the tracker walks the text once, so a long line costs no more than a short one.
 */
function codeSpanTracker(text: string): (at: number) => boolean {
  let pos = 0;
  let open = false;
  return (at) => {
    for (; pos < at; pos++) {
      const c = text[pos];
      if (c === '\n') open = false;
      else if (c === '`') {
        while (text[pos + 1] === '`') pos++;
        open = !open;
      }
    }
    return open;
  };
}

/**
 * Template tokens and placeholders that stand for data filled in at run time. Group 1..n hold the name.
 * `$name` counts only when not followed by `=` (OData's `$select=` is a parameter name, not a variable).
 */
const TOKEN = /\{\{\{?([^{}]{1,200})\}?\}\}|\{%([^%]{1,200})%\}|\$\{([^{}]{1,200})\}|\{([A-Za-z_][\w.\-| ]{0,60})\}|\$([A-Za-z_]\w{0,60})(?![\w=])|%7[Bb](?:%7[Bb])?([A-Za-z_][\w.]{0,60})|(?<![A-Za-z0-9%])(%s)(?![A-Za-z0-9])|\[([A-Z][A-Z0-9 _-]{1,40})\]|<([A-Z][A-Z0-9 _-]{1,40})>|%3[Cc]([A-Z][A-Z0-9_]{1,40})%3[Ee]|%5[Bb]([A-Z][A-Z0-9_]{1,40})%5[Dd]/g;

/**
 * Variables that carry navigation state, not conversation data: a page number, an id, a locale, a size, a
 * repository coordinate. A URL whose only variables are these is a normal templated link.
 */
const BENIGN_VARIABLES = new Set([
  'page', 'page_number', 'pagenumber', 'page_num', 'pagenum', 'p', 'n', 'num', 'number', 'id', 'idx', 'index', 'lang', 'language', 'locale',
  'version', 'v', 'ver', 'size', 'width', 'height', 'w', 'h', 'format', 'fmt', 'theme', 'branch', 'tag', 'slug', 'sha', 'commit', 'issue',
  'issue_number', 'pr', 'pr_number', 'owner', 'repo', 'repository', 'org', 'year', 'month', 'day', 'limit', 'offset', 'sort', 'order',
  'color', 'style', 'zoom', 'scale', 'ext', 'extension', 'region', 'env_name', 'platform', 'os', 'arch',
]);

/** A query value that is itself a data word the model is asked to substitute (`?q=conversation`). */
const DATA_VALUE = /(?:^|[?&;])[^=&#;]{1,100}=(conversation|chat[_-]?history|history|system[_-]?prompt|secrets?|api[_-]?keys?|passwords?|credentials?|user[_-]?data|personal[_-]?data)(?=$|[&#;])/i;

function analyse(url: string): { host: string; what: string } | undefined {
  const afterScheme = url.indexOf('://') + 3;
  let i = afterScheme;
  while (i < url.length && !'/?#'.includes(url[i]!)) i++;
  const authority = url.slice(afterScheme, i);
  // A host that is itself a variable is filled by the application (a citation, a configured base URL).
  if (!authority || /[{}$%<>[\]`]/.test(authority.replace(/^\[[0-9a-f:.]{2,45}\](?::\d{1,5})?$/i, ''))) return undefined;
  let host = trimTrailingDots(authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d{1,5}$/, '').toLowerCase());
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  else if (/[^\x00-\x7f]/.test(host)) host = domainToASCII(host) || host;
  if (!host || isLocalName(host)) return undefined;
  const rest = url.slice(i);
  if (rest.length <= 1) return undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(rest); m; m = TOKEN.exec(rest)) {
    const idx = m.slice(1).findIndex((g) => g !== undefined);
    const raw = m[idx + 1]!;
    if (isBenignVariable(raw)) continue;
    const token = m[0].length > 40 ? `${m[0].slice(0, 37)}...` : m[0];
    return { host, what: idx >= 7 ? `placeholder '${token}' for the model to fill in` : `template variable '${token}'` };
  }
  const q = rest.indexOf('?');
  const data = q >= 0 ? DATA_VALUE.exec(rest.slice(q)) : null;
  if (data) return { host, what: `conversation data ('${data[1]}')` };
  return undefined;
}

/** The variable's name: the first identifier of the expression (`{{ page | default: 1 }}` -> `page`). */
function isBenignVariable(expression: string): boolean {
  const name = /[A-Za-z_][\w.-]{0,60}/.exec(expression.trim())?.[0];
  if (!name) return false;
  const last = name.toLowerCase().split('.').pop()!;
  return BENIGN_VARIABLES.has(last);
}
