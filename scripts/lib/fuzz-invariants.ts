/**
 * The invariants fuzzing checks, as functions that return the first violation (a short text that never holds
 * a whole secret) or undefined, and the properties built from them. Shared by the quick property tests
 * (packages/core/test/fuzz/) and the long run (scripts/fuzz.ts).
 */
import fc from 'fast-check';
import {
  FORMAT_IDS, LineIndex, RULES, lintText, lintTextSync, loadConfig, parseDocument, sniffFormat, resolveExtends,
  type ConfigObject, type FormatId, type LintResult, type LoadedConfig, type PromptDocument, type StringField,
} from '@promptlint/core';
import { createRequire } from 'node:module';
import { mapProblem } from './map-check.ts';
import { anyDoc, forcedDoc, plantedDoc, type FuzzDoc } from './fuzz-arbitraries.ts';

// ------------------------------------------------------------------------------------------ offset maps

export { mapProblem };

function fieldsOf(doc: PromptDocument): StringField[] {
  const out: StringField[] = [];
  for (const n of doc.nodes) {
    if (n.type === 'model') out.push(...n.endpoints, ...n.proxies, ...n.headers, ...n.credentials);
    else if (n.type === 'mcp-server') out.push(...(n.command ? [n.command] : []), ...n.args, ...n.env, ...(n.url ? [n.url] : []), ...n.headers, ...n.autoApprove, ...(n.trust ? [n.trust] : []));
  }
  return out;
}

const inFile = (text: string, s: number, e: number): boolean => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length;

/** A parsed document's invariants: segment and field maps, node, comment and link ranges, problem offsets. */
export function documentProblem(doc: PromptDocument): string | undefined {
  const text = doc.file.text;
  for (const seg of doc.segments) {
    const p = mapProblem(text, seg.value, seg.map, `segment ${seg.context} ${JSON.stringify(seg.path.join('.'))}`);
    if (p) return p;
  }
  for (const f of fieldsOf(doc)) {
    const p = mapProblem(text, f.value, f.map, `field ${JSON.stringify(f.path.join('.'))}`);
    if (p) return p;
  }
  for (const n of doc.nodes) {
    if (!inFile(text, n.start, n.end)) return `${n.type} node range ${n.start}-${n.end} outside the file`;
    if (n.type === 'link' && !inFile(text, n.urlStart, n.urlEnd)) return `link url range ${n.urlStart}-${n.urlEnd} outside the file`;
    if (n.type === 'tool') for (const d of n.descriptions) {
      const p = mapProblem(text, d.value, d.map, `tool ${n.name} description`);
      if (p) return p;
    }
    if (n.type === 'prompt-message') {
      const p = mapProblem(text, n.template.value, n.template.map, 'prompt-message template');
      if (p) return p;
    }
  }
  for (const c of doc.comments) {
    if (!inFile(text, c.start, c.end) || c.valueStart < c.start || c.valueStart > c.end) return `comment range ${c.start}-${c.end} (value at ${c.valueStart}) outside the file`;
  }
  for (const pr of [...(doc.parseError ? [doc.parseError] : []), ...(doc.notes ?? [])]) {
    if (!(pr.offset >= 0 && pr.offset <= text.length)) return `parse problem offset ${pr.offset} outside the file`;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------ results

/** Length of each line without its line break, as LineIndex splits lines (LF, CRLF, lone CR). */
function lineLengths(text: string): number[] {
  const idx = new LineIndex(text);
  const out: number[] = [];
  for (let l = 1; l <= idx.lineCount; l++) {
    const start = idx.lineStart(l);
    let end = l < idx.lineCount ? idx.lineStart(l + 1) : text.length;
    if (l < idx.lineCount) {
      end--;
      if (text[end] === '\n' && text[end - 1] === '\r') end--;
    }
    out.push(end - start);
  }
  return out;
}

/**
 * A lint result's invariants, against the text the engine saw (BOM stripped): no rule crashed, every position
 * is a real line and column, every end is at or after its start and inside the file, fix ranges are in range.
 */
export function resultProblem(text: string, result: LintResult): string | undefined {
  const lens = lineLengths(text);
  const posOk = (line: number, column: number): boolean => Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lens.length && column >= 1 && column <= lens[line - 1]! + 1;
  for (const m of [...result.messages, ...result.suppressedMessages]) {
    const id = m.ruleId ?? 'engine';
    if (m.fatal && /^Internal error/.test(m.message)) return `${id} threw: ${m.message.slice(0, 200)}`;
    if (!posOk(m.line, m.column)) return `${id}: position ${m.line}:${m.column} is not in the file (${lens.length} lines)`;
    if (m.endLine !== undefined || m.endColumn !== undefined) {
      if (m.endLine === undefined || m.endColumn === undefined) return `${id}: endLine/endColumn only half set`;
      if (!posOk(m.endLine, m.endColumn)) return `${id}: end ${m.endLine}:${m.endColumn} is not in the file`;
      if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) return `${id}: end ${m.endLine}:${m.endColumn} before start ${m.line}:${m.column}`;
      // A rule's finding covers the text it is about: at least one character.
      if (m.ruleId && m.endLine === m.line && m.endColumn === m.column) return `${id}: empty range at ${m.line}:${m.column}`;
    }
    const ranges = [...(m.fix ? [m.fix.range] : []), ...(m.suggestions ?? []).map((s) => s.fix.range)];
    for (const [s, e] of ranges) if (!inFile(text, s, e)) return `${id}: fix range ${s}-${e} outside the file`;
  }
  if (result.messages.some((m) => !m.fatal && m.ruleId === null && /Parsing error/.test(m.message))) return 'a parsing error that is not fatal';
  return undefined;
}

/** Raw offset of a 1-based line and column. */
function offsetOf(index: LineIndex, line: number, column: number): number {
  return index.lineStart(line) + column - 1;
}

/**
 * Findings point at the reported text: a planted credential that a `secrets` rule reports (a finding whose
 * range overlaps its raw occurrence) is covered by a finding that starts on its first character and ends on or
 * after its last one. A secret written with escapes (a PEM key inside a JSON string) is not checked.
 */
export function pointingProblem(text: string, result: LintResult, secrets: readonly string[]): string | undefined {
  const index = new LineIndex(text);
  const ranges = result.messages
    .filter((m) => m.category === 'secrets' && m.endLine !== undefined && m.endColumn !== undefined)
    .map((m) => ({ id: m.ruleId, start: offsetOf(index, m.line, m.column), end: offsetOf(index, m.endLine!, m.endColumn!) }));
  for (const s of secrets) {
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
      const overlapping = ranges.filter((r) => r.start < at + s.length && r.end > at);
      if (!overlapping.length) continue;
      if (!overlapping.some((r) => r.start <= at && r.end >= at + s.length) && !overlapping.some((r) => r.start === at)) {
        const r = overlapping[0]!;
        return `${r.id} reports ${r.start}-${r.end} for a ${s.length}-character secret at ${at}-${at + s.length}`;
      }
    }
  }
  return undefined;
}

/** No output string of the result holds a whole planted secret (messages, suggestion descriptions, fixes, the JSON). */
export function maskingProblem(result: LintResult, secrets: readonly string[]): string | undefined {
  const json = JSON.stringify(result);
  for (const s of secrets) {
    const escaped = JSON.stringify(s).slice(1, -1);
    if (!json.includes(escaped)) continue;
    const label = `${s.slice(0, 6)}…[${s.length} chars]`;
    for (const m of [...result.messages, ...result.suppressedMessages]) {
      if (m.message.includes(s)) return `secret ${label} in a ${m.ruleId ?? 'engine'} message`;
      if (m.suggestions?.some((x) => x.desc.includes(s))) return `secret ${label} in a ${m.ruleId} suggestion description`;
      if (m.fix?.text.includes(s) || m.suggestions?.some((x) => x.fix.text.includes(s))) return `secret ${label} in a ${m.ruleId} fix text`;
    }
    return `secret ${label} in the result JSON`;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------ lint setup

/** Settings that switch on the organisation rules, so they run under fuzzing too. */
const FUZZ_SETTINGS = {
  forbiddenHosts: ['evil.example', '*.ngrok.io'],
  forbiddenPhrases: ['ignore (all )?previous', 'system prompt'],
  tokenPatterns: ['ACME-[0-9]{8}'],
  mcpAllowedHosts: ['mcp.example.com'],
  trustedHosts: ['gateway.example.com'],
};

/** `promptlint:all` on top of the built-in default config, with every rule at error and the org settings. */
export async function allRulesConfig(): Promise<LoadedConfig> {
  const base = await loadConfig({ useConfigFile: false });
  const every: ConfigObject = { rules: Object.fromEntries(RULES.map((r) => [r.meta.id, 'error'])), settings: { promptlint: FUZZ_SETTINGS } };
  return { ...base, objects: [...base.objects, ...resolveExtends([{ extends: ['promptlint:all'] }, every], base.basePath)] };
}

// ------------------------------------------------------------------------------------------ properties

/**
 * Called with each generated input before a property checks it: the long run records it where a watchdog can
 * read it, so an input that hangs can still be saved.
 */
export const inputHooks: { onInput?: (input: unknown) => void } = {};

/** Per-document time bound (ms): generous, since the suite shares the machine; documents are a few KB. */
export const DEFAULT_TIME_LIMIT_MS = 3000;

export interface FuzzStats {
  /** Slowest single document per property (ms). */
  slowest: number;
  /** Planted-secret runs in which a `secrets` rule reported something (the planting works). */
  secretHits: number;
  secretRuns: number;
}

export interface FuzzProperty {
  /** Short id for the long run's report. */
  readonly id: string;
  readonly name: string;
  /** Counterexamples hold planted secrets: write them to a file, never print them. */
  readonly secret?: boolean;
  readonly property: fc.IRawProperty<any, boolean>;
  readonly stats: FuzzStats;
}

function timed<T>(stats: FuzzStats, limit: number, what: string, fn: () => T): T {
  const t = performance.now();
  const v = fn();
  const ms = performance.now() - t;
  if (ms > stats.slowest) stats.slowest = ms;
  if (ms > limit) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${limit} ms)`);
  return v;
}

const fail = (msg: string | undefined): void => {
  if (msg) throw new Error(msg);
};

/** The BOM-stripped text the engine reads. */
const engineText = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Every property, built over a loaded config. */
export function fuzzProperties(config: LoadedConfig, options: { timeLimitMs?: number } = {}): FuzzProperty[] {
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const stats = (): FuzzStats => ({ slowest: 0, secretHits: 0, secretRuns: 0 });
  const props: FuzzProperty[] = [];

  const adapters = stats();
  props.push({
    id: 'adapters',
    name: 'adapters: every format parses any document, maps stay inside the file',
    stats: adapters,
    property: fc.property(anyDoc, (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const text = engineText(d.text);
      const formats: FormatId[] = [sniffFormat(d.path, text), ...FORMAT_IDS];
      for (const format of formats) {
        const doc = timed(adapters, limit, `parseDocument(${format})`, () => parseDocument({ path: d.path, text }, format));
        if (doc.format !== format) throw new Error(`parseDocument(${format}) returned format ${doc.format}`);
        fail(documentProblem(doc) && `${format}: ${documentProblem(doc)}`);
      }
      return true;
    }),
  });

  const sniffed = stats();
  props.push({
    id: 'lint-sniffed',
    name: 'lint (promptlint:all, format from the file name): no crash, positions inside the file',
    stats: sniffed,
    property: fc.property(anyDoc, (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const r = timed(sniffed, limit, 'lintTextSync', () => lintTextSync(d.text, { filePath: d.path, config }));
      fail(resultProblem(engineText(d.text), r));
      return true;
    }),
  });

  const forced = stats();
  props.push({
    id: 'lint-forced',
    name: 'lint (promptlint:all, format forced): no crash, positions inside the file',
    stats: forced,
    property: fc.property(forcedDoc, (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const r = timed(forced, limit, `lintTextSync(${d.format})`, () => lintTextSync(d.text, { filePath: d.path, format: d.format, config }));
      if (r.format !== d.format) throw new Error(`forced ${d.format}, linted as ${r.format}`);
      fail(resultProblem(engineText(d.text), r));
      return true;
    }),
  });

  const fixing = stats();
  props.push({
    id: 'lint-fix',
    name: 'lint --fix: fix passes never crash, the output keeps positions valid',
    stats: fixing,
    property: fc.property(anyDoc, (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const r = timed(fixing, limit * 3, 'lintTextSync(fix)', () => lintTextSync(d.text, { filePath: d.path, config, fix: true }));
      if (r.output !== undefined && typeof r.output !== 'string') throw new Error('output is not a string');
      fail(resultProblem(engineText(r.output ?? d.text), r));
      return true;
    }),
  });

  const masking = stats();
  props.push({
    id: 'masking',
    name: 'masking: no planted secret appears whole in any output',
    secret: true,
    stats: masking,
    property: fc.property(plantedDoc, (d) => {
      inputHooks.onInput?.(d);
      const r = timed(masking, limit, 'lintTextSync', () => lintTextSync(d.text, { filePath: d.path, format: d.format, config }));
      masking.secretRuns++;
      if (r.messages.some((m) => m.category === 'secrets')) masking.secretHits++;
      fail(maskingProblem(r, d.secrets));
      fail(resultProblem(engineText(d.text), r));
      fail(pointingProblem(engineText(d.text), r, d.secrets));
      return true;
    }),
  });

  // The libraries the adapters build on, as reference parsers (resolved from the core package, which depends on them).
  const coreRequire = createRequire(new URL('../../packages/core/package.json', import.meta.url));
  const yamlLib = coreRequire('yaml') as { parseAllDocuments(text: string): { errors: unknown[] } | { errors: unknown[] }[] };
  const jsonc = coreRequire('jsonc-parser') as { parse(text: string, errors: unknown[], options: object): unknown };
  const differential = stats();
  props.push({
    id: 'differential',
    name: 'what the yaml / jsonc-parser libraries accept, the YAML and JSON adapters parse without error',
    stats: differential,
    property: fc.property(anyDoc, fc.constantFrom<FormatId>('yaml', 'json'), (d: FuzzDoc, format: FormatId) => {
      inputHooks.onInput?.(d);
      const text = engineText(d.text);
      let accepted: boolean;
      if (format === 'yaml') {
        // Not compared: CR-only files (the adapter reads CR as a line break, as YAML 1.2 says; the library does
        // not) and texts of directives only (the library returns no document at all).
        if (text.includes('\r') && !text.includes('\n')) return true;
        const docs = [yamlLib.parseAllDocuments(text)].flat();
        accepted = docs.length > 0 && docs.every((x) => x.errors.length === 0);
      } else {
        const errors: unknown[] = [];
        jsonc.parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
        accepted = errors.length === 0;
      }
      if (!accepted) return true;
      const doc = timed(differential, limit, `parseDocument(${format})`, () => parseDocument({ path: d.path, text }, format));
      if (doc.parseError) throw new Error(`${format}: the reference parser accepts the text, the adapter reports "${doc.parseError.message.slice(0, 120)}" at ${doc.parseError.offset}`);
      return true;
    }),
  });

  const lineEnds = stats();
  props.push({
    id: 'line-ends',
    name: 'BOM, CRLF: the same findings at the same lines and columns',
    stats: lineEnds,
    property: fc.property(anyDoc, (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const lf = d.text.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n');
      const lint = (text: string): LintResult => timed(lineEnds, limit, 'lintTextSync', () => lintTextSync(text, { filePath: d.path, config }));
      const key = (m: LintResult['messages'][number]): string => `${m.ruleId}:${m.messageId ?? ''}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
      const base = lint(lf).messages;
      const withBom = lint(`\uFEFF${lf}`).messages;
      const a = base.map(key).sort().join(', ');
      const b = withBom.map(key).sort().join(', ');
      if (a !== b) throw new Error(`a BOM changes findings: [${a}] became [${b}]`);
      // CRLF: the same findings at the same lines and columns (a line break is one character to every window).
      // A parse error's column is the third-party parser's own and may differ by the CR; its line may not.
      const crlf = lint(lf.replace(/\n/g, '\r\n')).messages;
      const strict = (ms: readonly LintResult['messages'][number][]): string => ms.map((m) => (m.ruleId ? key(m) : `parse@${m.line}`)).sort().join(', ');
      if (strict(crlf) !== strict(base)) throw new Error(`CRLF changes findings: [${strict(base)}] became [${strict(crlf)}]`);
      return true;
    }),
  });

  return props;
}

/** The async API (`lintText`) over the same documents: the same invariants. */
export function asyncLintProperty(config: LoadedConfig, options: { timeLimitMs?: number } = {}): { id: string; name: string; property: fc.IAsyncProperty<[FuzzDoc]>; stats: FuzzStats } {
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const stats: FuzzStats = { slowest: 0, secretHits: 0, secretRuns: 0 };
  return {
    id: 'lint-async',
    name: 'lintText (async API): no crash, positions inside the file',
    stats,
    property: fc.asyncProperty(anyDoc, async (d: FuzzDoc) => {
      inputHooks.onInput?.(d);
      const t = performance.now();
      const r = await lintText(d.text, { filePath: d.path, config });
      const ms = performance.now() - t;
      stats.slowest = Math.max(stats.slowest, ms);
      if (ms > limit) throw new Error(`lintText took ${ms.toFixed(0)} ms`);
      fail(resultProblem(engineText(d.text), r));
    }),
  };
}
