import { distance } from 'fastest-levenshtein';
import type { McpServerNode, PromptDocument, Rule, RuleContext, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { CONFUSABLE_TO_LATIN } from '../util/confusables.ts';
import { commandTokens, launchedPackage, type Ecosystem, type LaunchedPackage, type Token } from './_launchers.ts';
import { KNOWN_DOCKER, KNOWN_DOCKER_NAMESPACES, KNOWN_HUB_OWNERS, KNOWN_MCP_DOMAINS, KNOWN_NPM, KNOWN_NPM_SCOPES, KNOWN_PYPI } from './_known-sources.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * An MCP server package, Docker image, remote MCP host or LangChain hub owner whose name is a near miss of a
 * well-known one (`_known-sources.ts`): one or two letters apart (relative to the length), letters swapped,
 * look-alike characters (`1`/`l`, `0`/`o`, `rn`/`m`, Cyrillic or Greek letters), other separators, or a look-alike
 * npm scope (`@model-context-protocol/…`, `@modelcontextprotocol-server/…`, unscoped `modelcontextprotocol-server-x`).
 * A listed name is never reported; a package in a listed npm scope or Docker namespace never is either (only the
 * owner can publish there).
 *
 * securitySeverity: `critical` for non-ASCII look-alike letters (never a typo: someone chose them); `high` for
 * other near misses of a package, image or remote host (the impostor runs code or sees every tool call);
 * `medium` for a hub owner (a prompt, not code, though it steers an agent).
 */

export type Resemblance = 'confusable' | 'separator' | 'typo' | 'swap';

const HOW: Record<Resemblance | 'scope' | 'unscoped' | 'homoglyph', string> = {
  confusable: "look-alike characters such as '1' for 'l' or '0' for 'o'",
  separator: 'only the separators differ',
  typo: 'a letter or two apart',
  swap: 'two letters swapped',
  scope: 'a look-alike npm scope',
  unscoped: 'the same name without its npm scope',
  homoglyph: 'non-ASCII look-alike letters',
};

export const lookalikePackage: Rule = {
  meta: {
    id: 'lookalike-package',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'MCP server packages, images, remote hosts and LangChain hub owners must not be near misses of well-known ones',
      preset: 'recommended',
      url: docsUrl('lookalike-package'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      package: "MCP server '{{server}}' launches {{ecosystem}} '{{pkg}}', which resembles the well-known '{{known}}' ({{how}}): a look-alike name runs someone else's code. Use '{{known}}' if that is what you meant.",
      host: "MCP server '{{server}}' connects to '{{host}}', which resembles the well-known '{{known}}' ({{how}}): a look-alike host sees every tool call. Check the URL.",
      hubOwner: "Hub prompt owner '{{owner}}' resembles the well-known owner '{{known}}' ({{how}}): a look-alike account serves its own prompt. Check the reference.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      checkServer(node, context);
    }
    checkHubOwners(doc, context);
  },
};

// ------------------------------------------------------------------------------------------ comparing

/** `1`, `i`, `|` read as `l`; `0` as `o`; `rn` as `m`; `vv` as `w`: what a reader confuses in a name. */
function asciiSkeleton(s: string): string {
  return s.toLowerCase().replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[1i|]/g, 'l').replace(/0/g, 'o');
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[-_.]/g, '');
}

/** Edit distance allowed in a word of this length: none below 6 characters, 1 up to 11, 2 from 12. */
function allowed(len: number, strict = false): number {
  if (strict) return len >= 14 ? 2 : len >= 8 ? 1 : 0;
  return len >= 12 ? 2 : len >= 6 ? 1 : 0;
}

/** `ab` ↔ `ba` once, the rest equal. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** `name2`, `name-v2`, `name-x`: an added suffix is a different name, not a typo of this one. */
function isExtension(candidate: string, known: string): boolean {
  const [long, short] = candidate.length >= known.length ? [candidate, known] : [known, candidate];
  if (!long.startsWith(short) && !long.endsWith(short)) return false;
  const extra = long.startsWith(short) ? long.slice(short.length) : long.slice(0, long.length - short.length);
  return /^\d+$|^[-_.]|[-_.]$/.test(extra);
}

interface Forms {
  readonly lower: string;
  readonly skeleton: string;
  readonly squashed: string;
}

const FORMS = new Map<string, Forms>();

function formsOf(name: string, cache = false): Forms {
  const hit = FORMS.get(name);
  if (hit) return hit;
  const lower = name.toLowerCase();
  const f = { lower, skeleton: asciiSkeleton(lower), squashed: squash(lower) };
  if (cache) FORMS.set(name, f);
  return f;
}

function compare(a: Forms, b: Forms, strict: boolean): Resemblance | undefined {
  if (a.lower === b.lower) return undefined;
  if (a.skeleton === b.skeleton) return 'confusable';
  if (a.squashed === b.squashed) return 'separator';
  if (Math.abs(a.lower.length - b.lower.length) > 2) return undefined;
  if (isSwap(a.lower, b.lower)) return 'swap';
  // The allowance depends on the word the edit falls in, not on the whole name: `mcp-server-gitea` is not a typo of
  // `mcp-server-git`, nor `mcp-server-line` of `mcp-server-time`, however long the shared prefix.
  const max = allowed(editedWordLength(a.lower, b.lower), strict);
  if (max === 0 || Math.abs(a.lower.length - b.lower.length) > max) return undefined;
  if (distance(a.lower, b.lower) <= max && !isExtension(a.lower, b.lower)) return 'typo';
  return undefined;
}

const SEPARATOR = /[-_./@:]/;

/** Length of the separator-delimited word of `known` in which `candidate` differs from it. */
function editedWordLength(candidate: string, known: string): number {
  let p = 0;
  while (p < candidate.length && p < known.length && candidate[p] === known[p]) p++;
  let s = 0;
  while (s < candidate.length - p && s < known.length - p && candidate[candidate.length - 1 - s] === known[known.length - 1 - s]) s++;
  let from = p;
  while (from > 0 && !SEPARATOR.test(known[from - 1]!)) from--;
  let to = Math.max(p, known.length - s);
  while (to < known.length && !SEPARATOR.test(known[to]!)) to++;
  return to - from;
}

/** How `candidate` resembles `known`, or undefined when it does not (or is the same name). */
export function resemblance(candidate: string, known: string, strict = false): Resemblance | undefined {
  return compare(formsOf(candidate), formsOf(known, true), strict);
}

/** The first known name that `candidate` resembles. */
function closest(candidate: string, known: readonly string[], strict = false): { known: string; how: Resemblance } | undefined {
  const a = formsOf(candidate);
  for (const k of known) {
    const how = compare(a, formsOf(k, true), strict);
    if (how) return { known: k, how };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------ packages

const pep503 = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');

const NPM_SET = new Set(KNOWN_NPM);
const SCOPES = new Set(KNOWN_NPM_SCOPES);
const PYPI_SET = new Set(KNOWN_PYPI.map(pep503));
const PYPI_NORMAL = KNOWN_PYPI.map(pep503);
const DOCKER_SET = new Set(KNOWN_DOCKER);
const NPM_UNSCOPED = KNOWN_NPM.filter((n) => !n.startsWith('@'));
const NPM_SCOPED = KNOWN_NPM.filter((n) => n.startsWith('@'));
/** `@scope/rest` written as one unscoped name: `modelcontextprotocol-server-github`. */
const NPM_FLATTENED = NPM_SCOPED.map((n) => ({ flat: n.slice(1).replace('/', '-'), known: n }));
/** The part after the scope, when it is distinctive enough to be copied on its own (`server-filesystem`). */
const NPM_RESTS = NPM_SCOPED.map((n) => ({ rest: n.slice(n.indexOf('/') + 1), known: n })).filter((r) => r.rest.length >= 10 && /[-_.]/.test(r.rest));

/** The distinctive word of a server name: `@modelcontextprotocol/server-filesystem` → `filesystem`. */
function core(name: string): string {
  const base = name.slice(name.indexOf('/') + 1).toLowerCase();
  return base.replace(/^(?:mcp[-_.]server[-_.]|server[-_.]|mcp[-_.])/, '').replace(/(?:[-_.]mcp[-_.]server|[-_.]mcp|[-_.]server)$/, '');
}
const CORES = [...KNOWN_NPM, ...KNOWN_PYPI].map((k) => ({ core: core(k), known: k })).filter((c) => c.core.length >= 8);
const CORE_SET = new Set([...KNOWN_NPM, ...KNOWN_PYPI].map(core));

interface Match {
  readonly known: string;
  readonly how: keyof typeof HOW;
}

function byCore(name: string): Match | undefined {
  const c = core(name);
  if (c.length < 8 || CORE_SET.has(c)) return undefined;
  const forms = formsOf(c);
  for (const k of CORES) {
    const how = compare(forms, formsOf(k.core, true), true);
    if (how) return { known: k.known, how };
  }
  return undefined;
}

function npmMatch(name: string): Match | undefined {
  const lower = name.toLowerCase();
  if (NPM_SET.has(lower)) return undefined;
  if (lower.startsWith('@')) {
    const slash = lower.indexOf('/');
    const scope = lower.slice(0, slash);
    if (SCOPES.has(scope)) return undefined;
    const rest = lower.slice(slash + 1);
    const scopeForms = formsOf(scope.slice(1));
    for (const known of KNOWN_NPM_SCOPES) {
      if (!scopeResembles(scopeForms, known.slice(1))) continue;
      const target = `${known}/${rest}`;
      return { known: NPM_SET.has(target) ? target : known, how: 'scope' };
    }
    const full = closest(lower, NPM_SCOPED);
    if (full) return full;
    return byCore(lower);
  }
  const direct = closest(lower, NPM_UNSCOPED);
  if (direct) return direct;
  const forms = formsOf(lower);
  for (const f of NPM_FLATTENED) if (f.flat === lower || compare(forms, formsOf(f.flat, true), false)) return { known: f.known, how: 'scope' };
  for (const r of NPM_RESTS) if (r.rest === lower || compare(forms, formsOf(r.rest, true), false)) return { known: r.known, how: 'unscoped' };
  return byCore(lower);
}

/** `model-context-protocol`, `modelcontextprotoco1`, `modelcontextprotocol-server` against `modelcontextprotocol`. */
function scopeResembles(scope: Forms, known: string): boolean {
  const k = formsOf(known, true);
  if (compare(scope, k, false)) return true;
  return k.squashed.length >= 16 && scope.squashed !== k.squashed && scope.squashed.includes(k.squashed);
}

function pypiMatch(name: string): Match | undefined {
  const n = pep503(name);
  if (PYPI_SET.has(n)) return undefined;
  return closest(n, PYPI_NORMAL) ?? byCore(n);
}

function dockerName(name: string): string {
  return name.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

function dockerMatch(name: string): Match | undefined {
  const n = dockerName(name);
  // Docker Hub images without a namespace are Docker's official library: nobody else can publish there.
  if (DOCKER_SET.has(n) || !n.includes('/')) return undefined;
  const ns = n.slice(0, n.lastIndexOf('/'));
  if (KNOWN_DOCKER_NAMESPACES.some((k) => ns === k || ns.startsWith(`${k}/`))) return undefined;
  return closest(n, KNOWN_DOCKER);
}

function packageMatch(ecosystem: Ecosystem, name: string): Match | undefined {
  if (ecosystem === 'npm') return npmMatch(name);
  if (ecosystem === 'pypi') return pypiMatch(name);
  return dockerMatch(name);
}

const ECOSYSTEM_NAME: Record<Ecosystem, string> = { npm: 'npm package', pypi: 'PyPI package', docker: 'image' };

/** Each character replaced by the Latin letter it imitates (same length, so token ranges stay valid). */
function latinSkeleton(s: string): string {
  let out = '';
  for (const c of s) {
    const m = CONFUSABLE_TO_LATIN[c] ?? CONFUSABLE_TO_LATIN[c.toLowerCase()];
    out += m !== undefined && c.length === 1 ? m : c;
  }
  return out;
}

function checkServer(node: McpServerNode, context: RuleContext): void {
  const tokens = commandTokens(node);
  let pkg: LaunchedPackage | undefined;
  let homoglyph = false;
  if (tokens.some((t) => /[^\x00-\x7f]/.test(t.value))) {
    // Registry names are ASCII: a launcher argument with Cyrillic or Greek letters is read through its skeleton.
    // Longer words are not package specs (npm names stop at 214 characters): they are left as they are.
    const skeleton: Token[] = tokens.map((t) => (t.value.length <= 600 && /[^\x00-\x7f]/.test(t.value) ? { ...t, value: latinSkeleton(t.value) } : t));
    pkg = launchedPackage(skeleton);
    const original = pkg && tokens.find((t) => t.start === pkg!.token.start);
    homoglyph = !!original && original.value !== pkg!.token.value && /[^\x00-\x7f]/.test(original.value);
    if (pkg && original) pkg = { ...pkg, token: original };
  } else pkg = launchedPackage(tokens);

  if (pkg) {
    const match = packageMatch(pkg.ecosystem, pkg.name);
    if (homoglyph) {
      const known = !match ? knownSpelling(pkg.ecosystem, pkg.name) : match.known;
      context.report({
        messageId: 'package',
        data: { server: node.name, ecosystem: ECOSYSTEM_NAME[pkg.ecosystem], pkg: pkg.token.value, known, how: HOW.homoglyph },
        start: pkg.token.start,
        end: pkg.token.end,
        securitySeverity: 'critical',
      });
    } else if (match) {
      context.report({
        messageId: 'package',
        data: { server: node.name, ecosystem: ECOSYSTEM_NAME[pkg.ecosystem], pkg: pkg.name, known: match.known, how: HOW[match.how] },
        start: pkg.token.start,
        end: pkg.token.end,
        securitySeverity: 'high',
      });
    }
  }
  if (node.url) checkHost(node, context);
}

/** The name as listed when the skeleton is itself well known; else the skeleton (what the reader sees). */
function knownSpelling(ecosystem: Ecosystem, skeleton: string): string {
  const lower = skeleton.toLowerCase();
  if (ecosystem === 'npm' && NPM_SET.has(lower)) return lower;
  if (ecosystem === 'pypi' && PYPI_SET.has(pep503(lower))) return KNOWN_PYPI.find((k) => pep503(k) === pep503(lower)) ?? lower;
  return lower;
}

// ------------------------------------------------------------------------------------------ hosts

const URL_HOST = /^\s{0,20}[a-z][a-z0-9+.-]{0,20}:\/\/(?:[^/?#@\s]{0,256}@)?([^/?#:\s[\]]{1,253})/i;

function checkHost(node: McpServerNode, context: RuleContext): void {
  const url = node.url!;
  const m = URL_HOST.exec(url.value);
  if (!m) return;
  const written = m[1]!.toLowerCase().replace(/\.$/, '');
  const nonAscii = /[^\x00-\x7f]/.test(written);
  const host = nonAscii ? latinSkeleton(written.normalize('NFKC')) : written;
  if (/[^\x00-\x7f]/.test(host) || !host.includes('.')) return;
  const labels = host.split('.');
  if (labels.length < 2) return;
  const tld = labels[labels.length - 1]!;
  const label = labels[labels.length - 2]!;
  let found: Match | undefined;
  for (const d of KNOWN_MCP_DOMAINS) {
    if (host === d || host.endsWith(`.${d}`)) {
      if (!nonAscii) return;
      found = { known: d, how: 'homoglyph' };
      break;
    }
  }
  if (!found) {
    const labelForms = formsOf(label);
    for (const d of KNOWN_MCP_DOMAINS) {
      const dot = d.lastIndexOf('.');
      if (d.slice(dot + 1) !== tld) continue;
      const knownLabel = d.slice(d.lastIndexOf('.', dot - 1) + 1, dot);
      const how = compare(labelForms, formsOf(knownLabel, true), false);
      // Another first letter makes another brand far more often than a squat (`motion` and `notion`).
      if (how === 'typo' && label[0] !== knownLabel[0]) continue;
      if (how) {
        found = { known: d, how: nonAscii ? 'homoglyph' : how };
        break;
      }
    }
  }
  if (!found) return;
  const start = m.index + m[0].length - m[1]!.length;
  const r = segmentRange({ value: url.value, context: 'config-value', path: url.path, map: url.map }, start, start + m[1]!.length);
  context.report({
    messageId: 'host',
    data: { server: node.name, host: written, known: found.known, how: HOW[found.how] },
    start: r.start,
    end: r.end,
    securitySeverity: found.how === 'homoglyph' ? 'critical' : 'high',
  });
}

// ------------------------------------------------------------------------------------------ hub owners

const HUB_SCHEME = /^(?:langchain-hub|lc-hub|hub):\/\//i;
/** `owner/name` with an optional `:commit` or `:tag`; hub names have no dots, so file paths stay out. */
const HUB_REF = /^([\w\u0080-\uffff-]{1,63})\/[\w-]{1,100}(?::[\w.-]{1,64})?$/;
/** Keys whose value is a hub reference (lower-cased, `_` and `-` removed). */
const HUB_KEYS = new Set(['hub', 'hubprompt', 'hubref', 'hubid', 'hubhandle', 'hubrepo', 'hubpath', 'promptid', 'promptref', 'prompthandle', 'prompthub', 'prompthubid', 'hubpromptid', 'langchainhub', 'langchainhubprompt', 'lchubref']);
const OWNER_KEYS = new Set(['lchubowner', 'hubowner']);

function checkHubOwners(doc: PromptDocument, context: RuleContext): void {
  for (const seg of doc.segments) {
    if (seg.context !== 'config-value' && seg.context !== 'front-matter') continue;
    if (seg.value.length > 300) continue;
    const key = lastKey(seg);
    const lead = seg.value.length - seg.value.trimStart().length;
    const v = seg.value.trim();
    if (OWNER_KEYS.has(key)) {
      report(seg, v, lead, context);
      continue;
    }
    const scheme = HUB_SCHEME.exec(v);
    if (!scheme && !HUB_KEYS.has(key)) continue;
    const ref = scheme ? v.slice(scheme[0].length) : v;
    const m = HUB_REF.exec(ref);
    if (m) report(seg, m[1]!, lead + (scheme ? scheme[0].length : 0), context);
  }
}

const OWNERS = new Set(KNOWN_HUB_OWNERS);

function report(seg: TextSegment, owner: string, at: number, context: RuleContext): void {
  if (!owner || owner === '-' || OWNERS.has(owner.toLowerCase())) return;
  const nonAscii = /[^\x00-\x7f]/.test(owner);
  const sk = nonAscii ? latinSkeleton(owner).toLowerCase() : owner.toLowerCase();
  let match: Match | undefined = nonAscii && OWNERS.has(sk) ? { known: sk, how: 'homoglyph' } : undefined;
  if (!match) {
    const c = closest(sk, KNOWN_HUB_OWNERS);
    if (c) match = { known: c.known, how: nonAscii ? 'homoglyph' : c.how };
  }
  if (!match) return;
  const r = segmentRange(seg, at, at + owner.length);
  context.report({ messageId: 'hubOwner', data: { owner, known: match.known, how: HOW[match.how] }, start: r.start, end: r.end, securitySeverity: match.how === 'homoglyph' ? 'high' : 'medium' });
}

function lastKey(seg: TextSegment): string {
  for (let i = seg.path.length - 1; i >= 0; i--) {
    const k = seg.path[i];
    if (typeof k === 'string') return k.replace(/[_-]/g, '').toLowerCase();
  }
  return '';
}
