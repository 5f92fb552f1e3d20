import type { CommentNode } from './types.ts';
import type { LineIndex } from './util/position.ts';

export type DirectiveType = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  readonly type: DirectiveType;
  /** Bare rule ids; empty = every rule. */
  readonly rules: readonly string[];
  readonly justification: string;
  /** Line the directive applies to (for -line / -next-line), or where it starts/ends a block. */
  readonly line: number;
  readonly comment: CommentNode;
  /** Raw range of the directive text (for unused-directive reports). */
  readonly start: number;
  readonly end: number;
}

const DIRECTIVE_START = /^\s*(?:promptlint|eslint)-/;
const DIRECTIVE = /^\s*(promptlint|eslint)-(disable-next-line|disable-line|disable|enable)(?=\s|$)((?:[^\n]*\S)?)\s*$/s;

/** Markers other tools already use for secrets (honoured for the secrets category). */
export const FOREIGN_SECRET_MARKERS = /gitleaks:allow|pragma:\s*allowlist\s+(?:nextline\s+)?secret|trufflehog:ignore|secretlint-disable/;

const SAME_LINE_MARKER = /gitleaks:allow|pragma:\s*allowlist\s+secret|trufflehog:ignore|secretlint-disable-line/;
const NEXT_LINE_MARKER = /pragma:\s*allowlist\s+nextline\s+secret|secretlint-disable-next-line/;

/**
 * The markers other secret scanners honour, for findings of the `secrets` category only: `gitleaks:allow`,
 * `pragma: allowlist secret`, `trufflehog:ignore` and `secretlint-disable-line` on the finding's line, and
 * `pragma: allowlist nextline secret` / `secretlint-disable-next-line` on the line before. Like those tools,
 * the marker counts in any comment syntax (it is looked up in the raw line), so `.env` files, code fences and
 * JSON work as well as YAML and Markdown comments.
 */
const markerCache = new WeakMap<LineIndex, Map<number, Directive | undefined>>();

export function findForeignSecretMarker(text: string, lines: LineIndex, line: number): Directive | undefined {
  // One lookup per line and lint run, so many findings on one long line stay linear.
  let cache = markerCache.get(lines);
  if (!cache) markerCache.set(lines, (cache = new Map()));
  if (cache.has(line)) return cache.get(line);
  const d = scanForeignMarker(text, lines, line);
  cache.set(line, d);
  return d;
}

function scanForeignMarker(text: string, lines: LineIndex, line: number): Directive | undefined {
  const lineText = (n: number): { start: number; value: string } | undefined => {
    if (n < 1 || n > lines.lineCount) return undefined;
    const start = lines.lineStart(n);
    const next = n < lines.lineCount ? lines.lineStart(n + 1) : text.length;
    return { start, value: text.slice(start, next) };
  };
  const same = lineText(line);
  const prev = lineText(line - 1);
  const hit = same && SAME_LINE_MARKER.exec(same.value) ? { at: same, m: SAME_LINE_MARKER.exec(same.value)!, type: 'disable-line' as const }
    : prev && NEXT_LINE_MARKER.exec(prev.value) ? { at: prev, m: NEXT_LINE_MARKER.exec(prev.value)!, type: 'disable-next-line' as const }
      : undefined;
  if (!hit) return undefined;
  const start = hit.at.start + hit.m.index;
  const end = start + hit.m[0].length;
  return { type: hit.type, rules: [], justification: hit.m[0], line, comment: { start, end, value: hit.m[0], valueStart: start }, start, end };
}

/**
 * Read inline directives from comments. `promptlint-*` directives take bare ids or `promptlint/<id>`;
 * `eslint-*` directives count only when they name `promptlint/<id>` rules (so a file linted by both agrees).
 */
export function parseDirectives(comments: readonly CommentNode[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    // Most comments are not directives: check the start before any pass over a (possibly huge) comment body.
    if (!DIRECTIVE_START.test(c.value)) continue;
    // A comment may hold the directive on its first line, as in `<!-- promptlint-disable-next-line x -- why -->`.
    const m = DIRECTIVE.exec(c.value.replace(/(?<!\s)\s*-->\s*$/, ''));
    if (!m) continue;
    const family = m[1]!;
    const type = m[2] as DirectiveType;
    let rest = m[3] ?? '';
    let justification = '';
    const dash = rest.search(/\s--\s|\s--$/);
    if (dash >= 0) {
      justification = rest.slice(dash).replace(/^\s--\s?/, '').trim();
      rest = rest.slice(0, dash);
    }
    const named = rest.split(',').map((s) => s.trim()).filter(Boolean);
    let rules: string[];
    if (family === 'eslint') {
      rules = named.filter((r) => r.startsWith('promptlint/')).map((r) => r.slice('promptlint/'.length));
      if (!rules.length) continue;
    } else rules = named.map((r) => (r.startsWith('promptlint/') ? r.slice('promptlint/'.length) : r));
    const startLine = lines.locate(c.start).line;
    const endLine = lines.locate(c.end).line;
    const line = type === 'disable-next-line' ? endLine + 1 : type === 'disable-line' ? startLine : startLine;
    out.push({ type, rules, justification, line, comment: c, start: c.start, end: c.end });
  }
  return out;
}

export interface Suppression {
  readonly directive: Directive;
}

/**
 * Decide which directive (if any) suppresses a finding of `ruleId` at `line`. Block directives apply from
 * their comment to the matching `enable`, in document order, as in ESLint.
 */
export function findSuppression(directives: readonly Directive[], ruleId: string, line: number, offset: number): Directive | undefined {
  let active: Directive | undefined;
  for (const d of directives) {
    const applies = d.rules.length === 0 || d.rules.includes(ruleId);
    if (!applies) continue;
    if (d.type === 'disable-line' || d.type === 'disable-next-line') {
      if (d.line === line) return d;
      continue;
    }
    if (d.start > offset) continue;
    if (d.type === 'disable') active = d;
    else if (d.type === 'enable') active = undefined;
  }
  return active;
}
