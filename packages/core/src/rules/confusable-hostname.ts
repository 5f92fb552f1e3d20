import { domainToUnicode } from 'node:url';
import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { DEFAULT_TRUSTED_HOSTS, hostInList } from '../util/hosts.ts';
import { CONFUSABLE_TO_LATIN } from '../util/confusables.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Well-known provider and package-registry domains a look-alike host imitates. A host whose skeleton equals one
 * of them (or a subdomain of one), or a trusted host from the settings, is reported.
 */
export const PROTECTED_DOMAINS: readonly string[] = [
  'openai.com', 'chatgpt.com', 'anthropic.com', 'claude.ai', 'claude.com', 'mistral.ai', 'cohere.com', 'cohere.ai', 'groq.com',
  'together.ai', 'together.xyz', 'x.ai', 'deepseek.com', 'perplexity.ai', 'openrouter.ai', 'huggingface.co', 'hf.co',
  'googleapis.com', 'google.com', 'microsoft.com', 'azure.com', 'windows.net', 'amazonaws.com', 'cloudflare.com',
  'github.com', 'githubusercontent.com', 'github.io', 'gitlab.com', 'bitbucket.org',
  'npmjs.org', 'npmjs.com', 'yarnpkg.com', 'pypi.org', 'pythonhosted.org', 'crates.io', 'golang.org', 'go.dev',
  'docker.com', 'docker.io', 'modelcontextprotocol.io', 'smithery.ai', 'langchain.com', 'ollama.com', 'cursor.com',
];

/**
 * A URL host (or a bare domain) written with look-alike characters: letters of two scripts in one label
 * (`аpi.openai.com` with a Cyrillic `а`), or a host whose UTS #39 skeleton equals a well-known provider or
 * registry domain or a configured trusted host. Single-script internationalised names are fine.
 */
export const confusableHostname: Rule = {
  meta: {
    id: 'confusable-hostname',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Host names must not imitate well-known or trusted hosts with look-alike Unicode characters',
      preset: 'recommended',
      url: docsUrl('confusable-hostname'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      lookalike: "Host '{{host}}' looks like '{{target}}' but is a different domain ({{ascii}}): it uses {{scripts}} look-alike characters.",
      mixed: "Host label '{{label}}' mixes {{scripts}} letters: a homoglyph host name that imitates another one ({{ascii}}).",
    },
  },
  checkSegment(segment, context) {
    const text = segment.value;
    // A host name has a dot, and a look-alike one a non-ASCII character or an `xn--` label.
    if (!text.includes('.') || !CANDIDATE.test(text)) return;
    const trusted = [...DEFAULT_TRUSTED_HOSTS, ...(context.settings.trustedHosts ?? [])];
    HOST.lastIndex = 0;
    const seen = new Map<string, Verdict | undefined>();
    let budget = 1000; // the engine keeps at most 1000 findings per file
    for (let m = HOST.exec(text); m && budget > 0; m = HOST.exec(text)) {
      if (!/[^\x00-\x7f]|xn--/i.test(m[0])) continue;
      let verdict = seen.get(m[0]);
      if (verdict === undefined && !seen.has(m[0])) {
        verdict = analyseHost(m[0], trusted);
        if (seen.size < 10000) seen.set(m[0], verdict);
      }
      if (!verdict) continue;
      budget--;
      const r = segmentRange(segment, m.index, m.index + m[0].length);
      context.report({ messageId: verdict.messageId, data: verdict.data, start: r.start, end: r.end, securitySeverity: verdict.messageId === 'lookalike' ? 'critical' : 'high' });
    }
  },
};

const CANDIDATE = /[^\x00-\x7f]|xn--/i;
/** Dotted names of letters, digits, marks and hyphens; labels never contain a dot, so matching is linear. */
const HOST = /(?<![\p{L}\p{N}\p{M}_.-])(?:[\p{L}\p{N}\p{M}-]{1,63}\.){1,16}[\p{L}\p{N}\p{M}-]{2,63}(?![\p{L}\p{N}\p{M}_-])/gu;

const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u], ['Cherokee', /\p{Script=Cherokee}/u], ['Georgian', /\p{Script=Georgian}/u],
  ['Han', /\p{Script=Han}/u], ['Hiragana', /\p{Script=Hiragana}/u], ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u], ['Bopomofo', /\p{Script=Bopomofo}/u], ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u], ['Thai', /\p{Script=Thai}/u], ['Devanagari', /\p{Script=Devanagari}/u],
];
const LETTER = /\p{L}/u;

/** Script combinations UTS #39 calls highly restrictive (Japanese, Chinese, Korean with Latin). */
const ALLOWED_COMBOS: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

function scriptsOf(label: string): Set<string> {
  const out = new Set<string>();
  for (const c of label) {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) out.add('Latin');
      continue;
    }
    if (!LETTER.test(c)) continue;
    // Scripts outside the table are left out: too rare in host names to judge, and invalid punycode decodes to them.
    const s = SCRIPTS.find(([, re]) => re.test(c));
    if (s) out.add(s[0]);
  }
  return out;
}

function isMixed(scripts: Set<string>): boolean {
  if (scripts.size <= 1) return false;
  return !ALLOWED_COMBOS.some((combo) => [...scripts].every((s) => combo.includes(s)));
}

function skeleton(host: string): string {
  let out = '';
  for (const c of host.normalize('NFD').replace(/\p{M}/gu, '')) out += CONFUSABLE_TO_LATIN[c] ?? c;
  return out;
}

function matchesProtected(sk: string, trusted: readonly string[]): string | undefined {
  for (const d of PROTECTED_DOMAINS) if (sk === d || sk.endsWith(`.${d}`)) return d;
  if (hostInList(sk, trusted)) return sk;
  return undefined;
}

function toAscii(host: string): string {
  return new URL(`http://${host}`).hostname;
}

type Verdict = { messageId: 'lookalike' | 'mixed'; data: Record<string, string> };

export function analyseHost(written: string, trusted: readonly string[] = DEFAULT_TRUSTED_HOSTS): Verdict | undefined {
  let host = written.replace(/\.$/, '');
  if (/xn--/i.test(host)) host = domainToUnicode(host.toLowerCase()) || host;
  const norm = host.normalize('NFKC').toLowerCase();
  // Pure ASCII after NFKC (full-width letters, ligatures): the name resolves to that ASCII host itself.
  if (!/[^\x00-\x7f]/.test(norm)) return undefined;
  const labels = norm.split('.');
  const allScripts = new Set<string>();
  let mixedLabel: string | undefined;
  let mixedScripts: Set<string> | undefined;
  for (const label of labels) {
    const s = scriptsOf(label);
    for (const x of s) allScripts.add(x);
    if (!mixedLabel && isMixed(s)) {
      mixedLabel = label;
      mixedScripts = s;
    }
  }
  const sk = skeleton(norm);
  const skeletonAscii = sk !== norm && !/[^\x00-\x7f]/.test(sk);
  if (!mixedLabel && !skeletonAscii) return undefined;
  // The punycode form, for the message; a name the URL parser rejects is not a host.
  let ascii: string;
  try {
    ascii = toAscii(norm);
  } catch {
    return undefined;
  }
  if (skeletonAscii) {
    const target = matchesProtected(sk, trusted);
    if (target) {
      const foreign = [...allScripts].filter((x) => x !== 'Latin');
      return { messageId: 'lookalike', data: { host: norm, target: sk, ascii, scripts: foreign.join('/') || 'non-ASCII' } };
    }
  }
  if (mixedLabel) return { messageId: 'mixed', data: { label: mixedLabel, scripts: [...mixedScripts!].join(' and '), ascii } };
  return undefined;
}
