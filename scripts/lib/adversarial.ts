/**
 * Adversarial inputs for the linear-time guarantee (issue 8): for each rule, hostile texts generated from the
 * rule's OWN regexes, plus generic hostile texts, wrapped in each format the benchmark covers; and the timing
 * loop shared by `pnpm bench:adversarial` (1 MB) and packages/core/test/adversarial.test.ts (reduced).
 *
 * Pattern-derived inputs: the regex literals, `new RegExp(…)` constants and String.raw pattern pieces in the
 * rule's source and in the `_`-prefixed helper files it imports are parsed with @eslint-community/regexpp;
 * for every quantifier that repeats (max > 1) we build
 *   - a long run of what it repeats, after a sample of what leads up to it, ended by a character it rejects;
 *   - the same run, shorter, on many lines (line-anchored patterns, per-line scanning);
 * and per pattern a near-match (a sample of the whole pattern with its last character replaced) and the
 * pattern's literal prefix, both repeated. Inputs of all patterns are also mixed into one text, so a rule with
 * hundreds of phrase patterns gets each of them exercised at once.
 *
 * Nothing here is executed from the scanned side: the rule sources are read as text and parsed.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseDocument, lintDocument, type FormatId, type PromptDocument, type Rule } from '@promptlint/core';

const require = createRequire(import.meta.url);
const RULES_DIR = fileURLToPath(new URL('../../packages/core/src/rules/', import.meta.url));

// @eslint-community/regexpp is not a direct dependency: it comes with eslint-plugin-regexp (pinned 3.3.3).
const regexppPath = createRequire(require.resolve('eslint-plugin-regexp')).resolve('@eslint-community/regexpp');
const { RegExpParser } = require(regexppPath) as { RegExpParser: new (o?: { ecmaVersion?: number }) => RegexpParser };

interface RegexpParser {
  parsePattern(source: string, start: number, end: number, flags: { unicode: boolean; unicodeSets: boolean }): RNode;
}
/** The part of regexpp's AST we read. */
interface RNode {
  type: string;
  raw: string;
  parent: RNode | null;
  alternatives?: RNode[];
  elements?: RNode[];
  element?: RNode;
  min?: number;
  max?: number;
  value?: number;
  kind?: string;
  negate?: boolean;
}

export interface SourcePattern {
  source: string;
  flags: string;
  file: string;
}

export interface NamedInput {
  name: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Extracting a rule's patterns

const CONTAINER_TYPES = new Set(['Pattern', 'Group', 'CapturingGroup']);

function isStringRaw(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.name.text === 'raw';
}

/** Constant string of an expression, when it has one (literal, template without substitutions, String.raw``). */
function constString(e: ts.Expression): string | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTaggedTemplateExpression(e) && isStringRaw(e.tag) && ts.isNoSubstitutionTemplateLiteral(e.template)) return e.template.rawText ?? e.template.text;
  return undefined;
}

/** Regex sources in one TypeScript file. */
export function patternsInFile(file: string): SourcePattern[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: SourcePattern[] = [];
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const t = n.getText(sf);
      const slash = t.lastIndexOf('/');
      out.push({ source: t.slice(1, slash), flags: t.slice(slash + 1), file });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp' && n.arguments?.length) {
      const flags = n.arguments[1] ? constString(n.arguments[1]) ?? '' : '';
      const a = n.arguments[0]!;
      const s = constString(a);
      if (s !== undefined) out.push({ source: s, flags, file });
      // new RegExp([String.raw`…`, …].join('|')): each piece is a pattern of its own.
      else if (ts.isCallExpression(a) && ts.isPropertyAccessExpression(a.expression) && a.expression.name.text === 'join' && ts.isArrayLiteralExpression(a.expression.expression)) {
        for (const el of a.expression.expression.elements) {
          const piece = constString(el as ts.Expression);
          if (piece !== undefined) out.push({ source: piece, flags, file });
        }
        return;
      }
    } else if (ts.isTaggedTemplateExpression(n) && isStringRaw(n.tag)) {
      // Pattern pieces kept in tables and compiled elsewhere.
      const s = constString(n);
      if (s !== undefined && /[\\()[\]|?*+{]/.test(s)) out.push({ source: s, flags: 'iu', file });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** `./_helper.ts` files a rules file imports, transitively. */
function helperImports(file: string, seen: Set<string>): void {
  if (seen.has(file) || !existsSync(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from\s+'(\.{1,2}\/[\w./-]{1,200})'/g)) {
    const target = resolve(dirname(file), m[1]!);
    const base = target.slice(target.lastIndexOf('/') + 1);
    if (base.startsWith('_') && !base.startsWith('_family') && target.startsWith(RULES_DIR)) helperImports(target, seen);
  }
}

/** The source file of a rule and the `_` helpers it imports. */
export function ruleFiles(id: string): string[] {
  const seen = new Set<string>();
  helperImports(join(RULES_DIR, `${id}.ts`), seen);
  return [...seen];
}

export function rulePatterns(id: string): SourcePattern[] {
  const out: SourcePattern[] = [];
  const dedupe = new Set<string>();
  for (const f of ruleFiles(id)) {
    for (const p of patternsInFile(f)) {
      const key = `${p.source}/${p.flags}`;
      if (!dedupe.has(key)) out.push(p), dedupe.add(key);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Sampling strings from a pattern

const POOL = ['a', 'e', 'x', 'A', 'Z', '0', '7', ' ', '-', '_', '.', ':', '/', '"', "'", '=', '#', '@', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>', '*', '+', ',', ';', '|', '~', '`', '$', '%', '&', '\\', '\t', 'é', 'д', '中', 'ا', '\u200b', '\u202e', '\u00a0', '\n'];

class Sampler {
  private readonly testers = new Map<string, RegExp | null>();
  constructor(private readonly flags: string) {}

  /** Characters from the pool that a single-character node accepts (first few). */
  chars(node: RNode): string[] {
    if (node.type === 'Character') return [String.fromCodePoint(node.value!)];
    let re = this.testers.get(node.raw);
    if (re === undefined) {
      try {
        re = new RegExp(`^(?:${node.raw})$`, this.flags.replace(/[gymd]/g, ''));
      } catch {
        re = null;
      }
      this.testers.set(node.raw, re);
    }
    if (!re) return [];
    return POOL.filter((c) => re!.test(c));
  }

  /** A character the node does not accept (to end a run). */
  reject(node: RNode): string {
    const accepted = new Set(this.chars(node));
    for (const c of ['§', '!', '\n', '#', '0', 'a', ' ']) if (!accepted.has(c)) return c;
    return '§';
  }

  /** A short string the node matches (lookarounds and anchors give ''). `variant` picks other alternatives. */
  sample(node: RNode, variant = 0): string {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup': {
        const alts = node.alternatives!;
        return this.sample(alts[variant % alts.length]!, variant);
      }
      case 'Alternative':
        return node.elements!.map((e) => this.sample(e, variant)).join('');
      case 'Quantifier': {
        const times = Math.max(node.min!, Math.min(node.max!, 1));
        return this.sample(node.element!, variant).repeat(Math.min(times, 8));
      }
      case 'Character':
        return String.fromCodePoint(node.value!);
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass': {
        const cs = this.chars(node);
        return cs.length ? cs[variant % cs.length]! : '';
      }
      default:
        return ''; // Assertion, Backreference
    }
  }

  /** Sample of what leads up to `node` from the pattern start: siblings before it, at every level. */
  prefixTo(node: RNode): string {
    let out = '';
    let cur = node;
    while (cur.parent) {
      const p = cur.parent;
      if (p.type === 'Alternative') {
        const i = p.elements!.indexOf(cur);
        out = p.elements!.slice(0, i).map((e) => this.sample(e)).join('') + out;
      }
      if (p.type === 'Assertion') break; // inside a lookaround: its own start
      cur = p;
    }
    return out;
  }
}

function quantifiers(node: RNode, out: RNode[] = []): RNode[] {
  if (node.type === 'Quantifier' && node.max! > 1) out.push(node);
  for (const k of ['alternatives', 'elements'] as const) for (const c of node[k] ?? []) quantifiers(c, out);
  if (node.element) quantifiers(node.element, out);
  return out;
}

function parse(p: SourcePattern): RNode | undefined {
  try {
    new RegExp(p.source, p.flags.replace(/[^dgimsuvy]/g, '')); // must be a valid JS regex at all
    return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(p.source, 0, p.source.length, { unicode: p.flags.includes('u'), unicodeSets: p.flags.includes('v') });
  } catch {
    return undefined;
  }
}

/** `unit` repeated to `size` characters. */
function fill(unit: string, size: number): string {
  if (!unit) return '';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

interface Attack {
  /** One long run: prefix, body repeated, reject. */
  prefix: string;
  body: string;
  reject: string;
  label: string;
}

function attacksOf(p: SourcePattern, index: number): { attacks: Attack[]; near: string; literalPrefix: string } | undefined {
  const ast = parse(p);
  if (!ast) return undefined;
  const s = new Sampler(p.flags);
  const attacks: Attack[] = [];
  for (const q of quantifiers(ast)) {
    for (const variant of [0, 1]) {
      const body = s.sample(q.element!, variant);
      if (!body) continue;
      attacks.push({ prefix: s.prefixTo(q), body, reject: s.reject(q.element!), label: `p${index}:${q.raw.slice(0, 24)}` });
    }
  }
  const whole = s.sample(ast);
  const near = whole.length > 1 ? whole.slice(0, -1) + (whole.endsWith('§') ? '!' : '§') : '';
  const first = ast.alternatives![0]!;
  const literalPrefix = first.elements!.slice(0, Math.max(1, first.elements!.length - 1)).map((e) => s.sample(e)).join('');
  return { attacks, near, literalPrefix };
}

function runText(a: Attack, runLength: number): string {
  return a.prefix + fill(a.body, runLength) + a.reject;
}

/**
 * Inputs derived from a rule's own patterns, each about `size` characters: up to `max` single long runs
 * (distinct quantifier bodies, spread over the patterns) plus four mixes over all patterns.
 */
export function derivedInputs(id: string, size: number, max: number): NamedInput[] {
  const per = rulePatterns(id)
    .map((p, i) => attacksOf(p, i))
    .filter((x): x is NonNullable<typeof x> => x !== undefined);
  const all = per.flatMap((x) => x.attacks);
  const out: NamedInput[] = [];
  // Single long runs: round-robin over patterns, distinct (prefix, body) pairs.
  const seen = new Set<string>();
  const queues = per.map((x) => [...x.attacks]);
  while (out.length < max && queues.some((q) => q.length)) {
    for (const q of queues) {
      const a = q.shift();
      if (!a || out.length >= max) continue;
      const key = `${a.prefix.slice(-16)}|${a.body}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: `run ${a.label}`, text: runText(a, size - a.prefix.length - 1) });
    }
  }
  if (all.length) {
    // Every quantifier's run in one text, each as long as the budget allows (at least 1 KB).
    const runLen = Math.max(1024, Math.floor(size / all.length) - 64);
    let mixed = '';
    for (let i = 0; mixed.length < size; i = (i + 1) % all.length) mixed += runText(all[i]!, runLen) + '\n';
    out.push({ name: 'mixed runs (all quantifiers)', text: mixed.slice(0, size) });
    // Short runs, many lines: per-line and line-anchored scanning.
    let lines = '';
    for (let i = 0; lines.length < size; i = (i + 1) % all.length) lines += runText(all[i]!, 200) + '\n';
    out.push({ name: 'short runs on lines', text: lines.slice(0, size) });
  }
  const nears = per.map((x) => x.near).filter(Boolean);
  if (nears.length) out.push({ name: 'near-matches failing at the end', text: fill(nears.join(' ') + '\n', size) });
  const prefixes = per.map((x) => x.literalPrefix).filter(Boolean);
  if (prefixes.length) out.push({ name: 'repeated literal prefixes', text: fill(prefixes.map((x) => x.repeat(8)).join(''), size) });
  return out;
}

/** Hostile texts that do not depend on a rule. */
export function genericInputs(size: number): NamedInput[] {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = (unit: string, width = 120) => fill(fill(unit, width) + '\n', size);
  return [
    { name: "one char ('a')", text: fill('a', size) },
    { name: 'spaces', text: fill(' ', size - 1) + 'x' },
    { name: "'a' in 120-char lines", text: lines('a') },
    { name: "'!['", text: fill('![', size) },
    { name: "'{{'", text: fill('{{', size) },
    { name: "'<!--'", text: fill('<!--', size) },
    { name: 'zero-width spaces', text: fill('\u200b', size) },
    { name: 'bidi and tag characters', text: fill('\u202e\u2066\u{e0041}', size) },
    { name: 'base64 alphabet', text: fill(b64, size) },
    { name: "'-----BEGIN '", text: fill('-----BEGIN ', size) },
    { name: 'URL-ish', text: fill('https://a.b/', size) },
    { name: "'sk-' prefixes", text: fill('sk-', size) },
    { name: "'${{'", text: fill('${{', size) },
    { name: 'long words in lines', text: lines('ignoreallpreviousinstructions', 4000) },
    { name: 'nested quotes and brackets', text: fill('> - [', size) },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Formats

export interface FormatCase {
  format: FormatId;
  filePath: string;
  /** The file text with `payload` in its text slots. */
  wrap(payload: string): string;
}

function split(payload: string, n: number): string[] {
  const size = Math.ceil(payload.length / n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let from = i * size;
    let to = Math.min(payload.length, from + size);
    // Never cut a surrogate pair.
    if (from > 0 && /[\udc00-\udfff]/.test(payload[from] ?? '')) from++;
    if (/[\ud800-\udbff]/.test(payload[to - 1] ?? '')) to++;
    out.push(payload.slice(from, to));
  }
  return out;
}

const q = (s: string) => JSON.stringify(s);

export const FORMAT_CASES: readonly FormatCase[] = [
  { format: 'markdown', filePath: 'AGENTS.md', wrap: (p) => p },
  {
    format: 'json',
    filePath: '.mcp.json',
    wrap: (p) => {
      const [a, b, c, d] = split(p, 4);
      return `{\n  "mcpServers": {\n    "local": { "command": "npx", "args": ["-y", ${q(a!)}], "env": { "API_KEY": ${q(b!)} } },\n    "remote": { "url": ${q(c!)}, "headers": { "Authorization": ${q(d!)} } }\n  }\n}\n`;
    },
  },
  {
    format: 'yaml',
    filePath: 'support.prompt.yml',
    wrap: (p) => {
      const [a, b] = split(p, 2);
      return `name: support\nmodel: openai/gpt-4o\nmodelParameters:\n  temperature: 0.2\nmessages:\n  - role: system\n    content: ${q(a!)}\n  - role: user\n    content: ${q(b!)}\n`;
    },
  },
  {
    format: 'toml',
    filePath: '.codex/config.toml',
    wrap: (p) => {
      const [a, b, c] = split(p, 3);
      return `model = "o3"\nmodel_provider = "corp"\n\n[model_providers.corp]\nname = "corp"\nbase_url = ${q(a!)}\n\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", ${q(b!)}]\nenv = { API_KEY = ${q(c!)} }\n`;
    },
  },
];

const PROSE = [
  'You are the support assistant for the billing team. Answer questions about invoices, refunds and plan changes politely and briefly.',
  'When a customer asks about a charge, look it up with the `lookup_invoice` tool and explain each line item in plain words.',
  'Never promise a refund yourself: open a ticket for the billing team and tell the customer that someone will reply within two working days.',
  '## Style\n\n- Use short paragraphs.\n- Link to https://docs.example.com/billing when a policy applies.\n- Run `npm test` before you open a pull request.',
  'If the request is unclear, ask one clarifying question before you act. Keep a neutral tone, and do not share internal ticket numbers.',
  // Real prompt files are rarely pure ASCII: typographic quotes and dashes switch off ASCII-only fast paths.
  'Say “thanks” at the end — the customer’s time matters.',
].join('\n\n');

/** Realistic prompt prose of `size` characters (the "ordinary" baseline), with a few typographic characters. */
export function ordinaryText(size: number): string {
  return fill(PROSE + '\n\n', size);
}

// ---------------------------------------------------------------------------------------------------------------
// Timing

export interface BenchRow {
  rule: string;
  format: FormatId;
  ordinaryMs: number;
  worstMs: number;
  worstInput: string;
  ratio: number;
  inputs: number;
  /**
   * Growth exponent of the worst input, measured when the ratio exceeds `scaleAbove`: log(t(size) / t(size/4)) / log 4.
   * About 1 is linear (a high constant per hostile character); 2 is quadratic.
   */
  exponent?: number;
}

export interface ParseRow {
  format: FormatId;
  input: string;
  ms: number;
}

export interface BenchOptions {
  size: number;
  /** Single-run inputs per rule (besides the mixes). */
  maxDerived: number;
  formats?: readonly FormatId[];
  rules: readonly Rule<any>[];
  /** Re-measure an input whose ratio exceeds this (to drop scheduler noise). */
  confirmRatio?: number;
  /** Times below this floor count as the floor when computing ratios (timer noise). */
  floorMs?: number;
  /** Measure the growth exponent of rows whose ratio exceeds this. */
  scaleAbove?: number;
  onRow?(row: BenchRow): void;
}

/** Milliseconds of CPU time spent by this process since `from` (robust when the machine is shared and loaded). */
export function cpuMs(from?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

/**
 * Best CPU time of `reps` runs of one rule alone on a parsed document. Each run gets its own deep copy of the
 * document (copied outside the timing): the phrase rules keep per-segment and per-document caches, so a second
 * run on the same objects, or a run after another rule on the same document, would time a cache hit.
 */
export function timeRule(doc: PromptDocument, rule: Rule<any>, reps: number): number {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const fresh = structuredClone(doc);
    // With --expose-gc --single-threaded-gc (the bench script), collect the copy's garbage now, on this thread,
    // so that no concurrent GC thread bills it to the rule (CPU time counts every thread of the process).
    (globalThis as { gc?: () => void }).gc?.();
    const t = process.cpuUsage();
    lintDocument(fresh, [{ rule, severity: 2 }]);
    best = Math.min(best, cpuMs(t));
  }
  return best;
}

function parseTimed(c: FormatCase, text: string, name: string, parseRows: ParseRow[]): PromptDocument {
  const t = process.cpuUsage();
  const doc = parseDocument({ path: c.filePath, text }, c.format);
  parseRows.push({ format: c.format, input: name, ms: cpuMs(t) });
  return doc;
}

/** Text of the input called `name` at `size` characters (generic or derived from the rule's patterns). */
export function inputByName(id: string, name: string, size: number, maxDerived: number): string | undefined {
  return [...genericInputs(size), ...derivedInputs(id, size, maxDerived)].find((i) => i.name === name)?.text;
}

/** Growth exponent of one rule on one input between size/4 and size (best of three runs each). */
export function growth(c: FormatCase, rule: Rule<any>, name: string, size: number, maxDerived: number): number | undefined {
  const t: number[] = [];
  for (const s of [Math.floor(size / 4), size]) {
    const text = inputByName(rule.meta.id, name, s, maxDerived);
    if (text === undefined) return undefined;
    t.push(timeRule(parseDocument({ path: c.filePath, text: c.wrap(text) }, c.format), rule, 3));
  }
  // Below 1 ms, timer and GC noise would dominate the exponent.
  return Math.log(Math.max(t[1]!, 1) / Math.max(t[0]!, 1)) / Math.log(4);
}

/**
 * Time each rule alone on the ordinary text and on every adversarial input, per format. A document is parsed
 * once per input and format (parse time recorded separately); the rule's time is `lintDocument` with that rule
 * only, so parsing never hides or inflates a rule's cost. Times are CPU milliseconds of this process. One hostile
 * document is alive at a time (all rules run on it, then it is dropped): a heap full of 1 MB documents would make
 * every garbage collection during a timed run slower, and bill that to whichever rule allocates most.
 */
export function runBench(o: BenchOptions): { rows: BenchRow[]; parse: ParseRow[] } {
  const floor = o.floorMs ?? 1;
  const confirm = o.confirmRatio ?? 3;
  const cases = FORMAT_CASES.filter((c) => !o.formats || o.formats.includes(c.format));
  const rows: BenchRow[] = [];
  const parse: ParseRow[] = [];
  const generic = genericInputs(o.size);
  // Warm-up: every rule once on a small ordinary text (JIT, lazily compiled patterns).
  for (const c of cases) {
    const small = parseDocument({ path: c.filePath, text: c.wrap(ordinaryText(4096)) }, c.format);
    for (const rule of o.rules) lintDocument(small, [{ rule, severity: 2 }]);
  }
  for (const c of cases) {
    const ordinaryDoc = parseTimed(c, c.wrap(ordinaryText(o.size)), 'ordinary', parse);
    const base = new Map<Rule<any>, number>();
    const ordinary = new Map<Rule<any>, number>();
    for (const rule of o.rules) {
      const ms = timeRule(ordinaryDoc, rule, 5);
      ordinary.set(rule, ms);
      base.set(rule, Math.max(ms, floor));
    }
    const worst = new Map<Rule<any>, { ms: number; name: string; inputs: number }>(o.rules.map((r) => [r, { ms: 0, name: '', inputs: 0 }]));
    const measure = (rule: Rule<any>, doc: PromptDocument, name: string): void => {
      let ms = timeRule(doc, rule, 1);
      if (ms / base.get(rule)! > confirm) ms = Math.min(ms, timeRule(doc, rule, 8));
      const w = worst.get(rule)!;
      w.inputs++;
      if (ms > w.ms) Object.assign(w, { ms, name });
    };
    for (const g of generic) {
      const doc = parseTimed(c, c.wrap(g.text), g.name, parse);
      for (const rule of o.rules) measure(rule, doc, g.name);
    }
    for (const rule of o.rules) {
      const id = rule.meta.id;
      for (const d of derivedInputs(id, o.size, o.maxDerived)) measure(rule, parseTimed(c, c.wrap(d.text), `${id}: ${d.name}`, parse), d.name);
      const w = worst.get(rule)!;
      const row: BenchRow = { rule: id, format: c.format, ordinaryMs: ordinary.get(rule)!, worstMs: w.ms, worstInput: w.name, ratio: Math.max(w.ms, floor) / base.get(rule)!, inputs: w.inputs };
      if (o.scaleAbove !== undefined && row.ratio > o.scaleAbove) row.exponent = growth(c, rule, w.name, o.size, o.maxDerived);
      rows.push(row);
      o.onRow?.(row);
    }
  }
  return { rows, parse };
}
