import type { Rule, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { isLoopbackHost } from '../util/hosts.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * An image or link to a fixed external host whose path or query carries template variables, conversation
 * data, or a placeholder the model is told to fill: when the answer is rendered, the data leaves with the
 * request (images load with no click at all).
 */
export const markdownExfilBeacon: Rule = {
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
      image: "Image URL sends {{what}} to external host '{{host}}': rendering it leaks the data with no click.",
      link: "Link URL sends {{what}} to external host '{{host}}' when followed.",
    },
  },
  checkSegment(segment, context) {
    for (const hit of findBeacons(segment)) {
      const r = segmentRange(segment, hit.start, hit.end);
      context.report({
        messageId: hit.image ? 'image' : 'link',
        data: { what: hit.what, host: hit.host },
        start: r.start,
        end: r.end,
        securitySeverity: hit.image ? 'critical' : 'high',
      });
    }
  },
};

interface Beacon {
  start: number;
  end: number;
  image: boolean;
  host: string;
  what: string;
}

/** `![alt](url` , `[text](url`, `<img … src="url`, `<a … href="url`, `[id]: url` (reference definitions). */
const CARRIERS = /(!?)\[[^[\]\n]{0,500}\]\(\s{0,10}<?(https?:\/\/[^\s)<>"']{1,2048})|<(img|a|source|iframe|video|audio|image)\b[^<>]{0,1000}?\b(?:src|href|srcset)\s{0,5}=\s{0,5}["']?(https?:\/\/[^\s"'<>]{1,2048})|^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]{0,10}<?(https?:\/\/[^\s<>]{1,2048})/gim;

const TEMPLATE_VAR = /\{\{[^{}]{1,200}\}\}|\{%[^%]{1,200}%\}|\$\{[^{}]{1,200}\}|\{[A-Za-z_][\w.\-| ]{0,60}\}|\$[A-Za-z_][A-Za-z0-9_]{1,60}|%(?:7B|7b)(?:%(?:7B|7b))?[A-Za-z_]|(?<![A-Za-z0-9])%s(?![A-Za-z0-9])/;
const PLACEHOLDER = /\[[A-Z][A-Z0-9 _-]{1,40}\]|<[A-Z][A-Z0-9 _-]{1,40}>|%3C[A-Z][A-Z0-9_]{1,40}%3E|%5B[A-Z][A-Z0-9_]{1,40}%5D/;
const DATA_WORD = /(?:^|[=/_-])(?:conversation|chat[_-]?history|history|messages?|system[_-]?prompt|secrets?|api[_-]?keys?|passwords?|credentials?|tokens?|summary|context|memory|user[_-]?data|personal[_-]?data|pii|ssn|email[_-]?content)(?:[=&#/]|$)/i;

function findBeacons(segment: TextSegment): Beacon[] {
  const out: Beacon[] = [];
  const text = segment.value;
  if (!text.includes('http')) return out;
  CARRIERS.lastIndex = 0;
  for (let m = CARRIERS.exec(text); m; m = CARRIERS.exec(text)) {
    const url = m[2] ?? m[4] ?? m[5];
    if (!url) continue;
    const tag = m[3]?.toLowerCase();
    const image = m[1] === '!' || (tag !== undefined && tag !== 'a');
    const urlStart = m.index + m[0].length - url.length;
    const verdict = analyse(url);
    if (verdict) out.push({ start: urlStart, end: urlStart + url.length, image, host: verdict.host, what: verdict.what });
  }
  return out;
}

function analyse(url: string): { host: string; what: string } | undefined {
  const afterScheme = url.indexOf('://') + 3;
  let i = afterScheme;
  while (i < url.length && !'/?#'.includes(url[i]!)) i++;
  const authority = url.slice(afterScheme, i);
  // A host that is itself a variable is filled by the application (a citation, a configured base URL).
  if (!authority || /[{}$%<>[\]]/.test(authority)) return undefined;
  const host = authority.replace(/^.*@/, '').replace(/:\d+$/, '').toLowerCase();
  if (isLoopbackHost(host) || !host.includes('.')) return undefined;
  const rest = url.slice(i);
  if (!rest) return undefined;
  if (TEMPLATE_VAR.test(rest)) return { host, what: 'template variables' };
  if (PLACEHOLDER.test(rest)) return { host, what: 'a placeholder the model fills in' };
  const q = rest.indexOf('?');
  if (q >= 0 && DATA_WORD.test(rest.slice(q + 1))) {
    // `?q=conversation` style: only when the value is a bare data word the model is asked to replace.
    const params = rest.slice(q + 1).split('&');
    if (params.some((p) => /=(?:conversation|chat[_-]?history|history|system[_-]?prompt|secrets?|api[_-]?keys?|passwords?|credentials?|user[_-]?data|personal[_-]?data)$/i.test(p))) return { host, what: 'conversation data' };
  }
  return undefined;
}
