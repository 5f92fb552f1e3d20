import { dirname, relative, resolve, sep } from 'node:path';
import corePkg from '../package.json' with { type: 'json' };
import { parseDocument, sniffFormat } from './formats/index.ts';
import { lintDocument, type EnabledRule, type EngineOptions } from './engine.ts';
import { configFilePatterns, configForFile, isIgnoredByConfig, loadConfig, type ConfigObject, type LoadedConfig } from './config.ts';
import { enumerateFiles, inShard, type Shard } from './files.ts';
import { ResultCache, hashCacheKey } from './cache.ts';
import { RULES } from './rules/index.ts';
import { LockFinder, fileLockFor, fileLockKey, type LoadedLock } from './lock.ts';
import { readTextFile, stripBom, type ReadLimits } from './io.ts';
import { configLimits } from './config.ts';
import { formatLimit, howToRaise, resolveLimits, withParseLimits, type LimitHit, type Limits } from './limits.ts';
import type { LintMessage, PromptDocument } from './types.ts';
import type { FormatId, LintResult, PromptlintSettings, SkippedFile } from './types.ts';
import { rawTextSegment } from './util/position.ts';

export interface LintTextOptions {
  /** Used for format detection, config matching and the result's `filePath`. */
  readonly filePath?: string;
  /** Force an adapter (`--parser`). */
  readonly format?: FormatId;
  /** A lock file (`readLock`, `findLock`): its entry for `filePath` is checked by pinned-content-drift. lintText never looks one up itself. */
  readonly lock?: LoadedLock;
  /** A loaded config; default: `promptlint:recommended`. */
  readonly config?: LoadedConfig;
  /** Or explicit rules (bypasses config). */
  readonly rules?: readonly EnabledRule[];
  readonly settings?: PromptlintSettings;
  /** Config objects appended after the loaded config (`--rule`). */
  readonly overrides?: readonly ConfigObject[];
  readonly fix?: boolean;
  readonly allowInlineConfig?: boolean;
  readonly reportUnusedDisableDirectives?: 0 | 1 | 2;
  /** Resource limits (limits.ts); over the config's `limits`, which are over the defaults. */
  readonly limits?: Partial<Limits>;
}

let defaultConfig: LoadedConfig | undefined;

async function defaultLoaded(): Promise<LoadedConfig> {
  defaultConfig ??= await loadConfig({ useConfigFile: false });
  return defaultConfig;
}

/** Lint one text in memory. Never reads the disk (but to load a config, when none is given). */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  const config = options.rules ? undefined : (options.config ?? (await defaultLoaded()));
  return lintTextSync(text, { ...options, config });
}

/** Synchronous core of `lintText` (config already loaded). */
export function lintTextSync(text: string, options: LintTextOptions & { config?: LoadedConfig }): LintResult {
  const filePath = options.filePath ?? '<text>';
  const body = stripBom(text);
  const format = options.format ?? sniffFormat(filePath, body);
  let rules = options.rules;
  let engine: EngineOptions = { fix: options.fix, allowInlineConfig: options.allowInlineConfig, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, settings: options.settings };
  if (options.lock) engine = { ...engine, lock: fileLockFor(options.lock, filePath) };
  if (!rules && options.config) {
    const fc = configForFile(options.config, filePath === '<text>' ? resolve(options.config.basePath, 'stdin.md') : filePath, options.overrides);
    rules = fc.rules;
    engine = {
      ...engine,
      settings: options.settings ?? fc.settings,
      allowInlineConfig: options.allowInlineConfig ?? !fc.noInlineConfig,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? fc.reportUnusedDisableDirectives,
    };
  }
  const limits = resolveLimits(options.config ? limitsOfConfig(options.config) : undefined, options.limits);
  engine = { ...engine, maxFindingsPerFile: limits.maxFindingsPerFile };
  const lintOnce = (text: string) => lintWithLimits({ path: filePath, text }, format, rules ?? [], engine, limits);
  if (!options.fix) return lintOnce(body);
  // As in ESLint: apply fixes, lint the result again (up to 10 passes), and report what remains.
  let current = body;
  let result: LintResult | undefined;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    result = lintOnce(current);
    if (result.output === undefined || result.output === current) break;
    current = result.output;
  }
  const final = result!;
  delete final.output;
  if (current !== body) final.output = (text.length !== body.length ? '\uFEFF' : '') + current;
  return final;
}

const MAX_FIX_PASSES = 10;

const configLimitsCache = new WeakMap<LoadedConfig, Partial<Limits>>();
function limitsOfConfig(config: LoadedConfig): Partial<Limits> {
  let l = configLimitsCache.get(config);
  if (!l) configLimitsCache.set(config, (l = configLimits(config)));
  return l;
}

/**
 * Parse and lint one text under `limits`: a line longer than maxLineLength makes the file raw text (no adapter,
 * every text rule still reads all of it); the parsers refuse nesting and aliases over the limits; the engine caps
 * findings. Each limit hit is a message in the file's result that names the limit and how to raise it.
 */
function lintWithLimits(file: { path: string; text: string }, format: FormatId, rules: readonly EnabledRule[], engine: EngineOptions, limits: Limits): LintResult {
  const long = longLine(file.text, limits.maxLineLength);
  let doc: PromptDocument;
  let hits: LimitHit[] = [];
  if (long) {
    doc = { file, format, kind: 'generic', segments: [rawTextSegment(file.text, 0, file.text.length, 'raw')], nodes: [], comments: [] };
  } else {
    ({ result: doc, hits } = withParseLimits(limits, () => parseDocument(file, format)));
  }
  const result = lintDocument(doc, rules, engine);
  const notices: LintMessage[] = [];
  if (long) {
    notices.push({
      ruleId: null,
      severity: 1,
      message: `Line ${long.line} is ${long.length} characters long, over the maxLineLength limit of ${limits.maxLineLength}: the file was linted as raw text, without its ${format} structure (${howToRaise('maxLineLength')})`,
      line: long.line,
      column: 1,
    });
  }
  // Front matter over a limit is read leniently (a note from the adapter), so it gets its own message. Only the
  // hits behind a note count: a JSON text inside a string value that is too deep is simply not read as JSON.
  for (const note of doc.notes ?? []) {
    const h = hits.find((x) => x.offset === note.offset && note.message.includes(x.message));
    if (!h) continue;
    const loc = lineColumn(file.text, h.offset);
    notices.push({ ruleId: null, severity: 1, message: `${h.message}: front matter read as key: value lines`, line: loc.line, column: loc.column });
  }
  for (const m of result.messages) {
    if (m.ruleId === null && /^Too many findings: only the first \d+ are reported$/.test(m.message)) {
      m.message = `Too many findings: only the first ${formatLimit('maxFindingsPerFile', limits.maxFindingsPerFile)} are reported (the maxFindingsPerFile limit; ${howToRaise('maxFindingsPerFile')})`;
    }
  }
  if (notices.length) {
    result.messages.push(...notices);
    result.messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
    result.warningCount += notices.length;
  }
  return result;
}

/** The first line longer than `max` characters, if any (one linear pass). */
function longLine(text: string, max: number): { line: number; length: number } | undefined {
  if (text.length <= max) return undefined;
  let start = 0;
  for (let line = 1; ; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const length = end - start - (text[end - 1] === '\r' ? 1 : 0);
    if (length > max) return { line, length };
    if (end >= text.length) return undefined;
    start = end + 1;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
const CORE_VERSION: string = corePkg.version;

export interface LintFilesOptions extends ReadLimits {
  /** Resource limits (limits.ts): over the config's `limits` and `maxFileSize`. */
  readonly limits?: Partial<Limits>;
  readonly cwd?: string;
  readonly config?: LoadedConfig;
  /** Look for a config file from `cwd` upward (default true). */
  readonly useConfigFile?: boolean;
  readonly configFile?: string;
  readonly overrides?: readonly ConfigObject[];
  readonly format?: FormatId;
  readonly fix?: boolean;
  readonly useIgnore?: boolean;
  readonly ignorePath?: string;
  readonly allowInlineConfig?: boolean;
  readonly reportUnusedDisableDirectives?: 0 | 1 | 2;
  /**
   * Cache file (absolute, see `resolveCacheLocation`): results are reused when a file's content, the configuration
   * that applies to it and `cacheKey` are unchanged. Not used with `fix`.
   */
  readonly cacheLocation?: string;
  /** Run-wide cache key material: the tool version, the mask salt, anything else that changes messages. */
  readonly cacheKey?: string;
  /** Lint only the files of shard `index` (1-based) of `count`, split by a stable hash of the path relative to `cwd`. */
  readonly shard?: Shard;
  /** Check each file against the nearest `promptlint.lock` in its folder or above (default true). */
  readonly useLock?: boolean;
}

export interface LintFilesResult {
  readonly results: LintResult[];
  /** Files that were not linted, with the reason (binary, too large, unreadable, symlink loop). */
  readonly skipped: SkippedFile[];
  /** Explicitly named files that an ignore pattern excluded. */
  readonly ignored: string[];
  /** Inputs that matched no file. */
  readonly unmatched: string[];
  readonly config: LoadedConfig;
  /** With a cache: files whose results were reused, and files linted. */
  readonly cache?: { readonly hits: number; readonly misses: number };
}

/** Lint files, directories and globs. A file that cannot be read is skipped with a reason; the others are still linted. */
export async function lintFiles(inputs: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const { cwd, config, files, ignoredExplicit, unmatched, skipped: walkSkipped } = await lintTargets(inputs, options);
  const results: LintResult[] = [];
  const skipped: SkippedFile[] = walkSkipped.filter((s) => !options.shard || inShard(relative(cwd, s.filePath), options.shard));
  const limits = resolveLimits(configLimits(config), options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : undefined, options.limits);
  const cache = options.cacheLocation && !options.fix ? new ResultCache(options.cacheLocation, runCacheKey(options, limits)) : undefined;
  const fileKeys = new Map<string, string>();
  const locks = options.useLock === false ? undefined : new LockFinder();
  for (const f of files) {
    if (options.shard && !inShard(relative(cwd, f.path), options.shard)) continue;
    const read = readTextFile(f.path, limits);
    if (!read.ok) {
      skipped.push({ filePath: f.path, reason: read.reason });
      continue;
    }
    const lock = locks?.forDir(dirname(f.path));
    if (!cache) {
      // Fixes keep the file's encoding: a UTF-8 BOM is written back, a UTF-16 file is never rewritten (as UTF-8).
      const utf16 = read.encoding.startsWith('utf-16');
      const text = read.encoding === 'utf-8-bom' ? `\uFEFF${read.text}` : read.text;
      results.push(lintTextSync(text, { ...options, filePath: f.path, lock, config, limits, ...(utf16 ? { fix: false } : {}) }));
      continue;
    }
    // The configuration that applies to this file, as resolved data: rules with severities and options, settings.
    const fc = configForFile(config, f.path, options.overrides);
    const fcJson = JSON.stringify([fc.ruleSettings, fc.settings, fc.noInlineConfig, fc.reportUnusedDisableDirectives]);
    let configKey = fileKeys.get(fcJson);
    if (configKey === undefined) fileKeys.set(fcJson, (configKey = hashCacheKey(fcJson)));
    const name = relative(cwd, f.path).split(sep).join('/');
    // The lock entry is part of the key: a changed lock (and only the lock) still changes the findings.
    const entryKey = hashCacheKey(configKey, read.text, fileLockKey(lock && fileLockFor(lock, f.path)));
    const hit = cache.get(name, entryKey, f.path);
    if (hit) {
      results.push(hit);
      continue;
    }
    const result = lintTextSync(read.text, { ...options, filePath: f.path, lock, config, limits });
    cache.set(name, entryKey, result);
    results.push(result);
  }
  cache?.save();
  return { results, skipped, ignored: ignoredExplicit, unmatched, config, ...(cache ? { cache: { hits: cache.hits, misses: cache.misses } } : {}) };
}

/** The working directory, the loaded config and the files a run over `inputs` reads (lintFiles and inventoryFiles share it). */
export async function lintTargets(
  inputs: readonly string[],
  options: Pick<LintFilesOptions, 'cwd' | 'config' | 'configFile' | 'useConfigFile' | 'useIgnore' | 'ignorePath'>,
): Promise<{ cwd: string; config: LoadedConfig } & Awaited<ReturnType<typeof enumerateFiles>>> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = options.config ?? (await loadConfig({ cwd, configFile: options.configFile, useConfigFile: options.useConfigFile }));
  const enumerated = await enumerateFiles(inputs, {
    cwd,
    useIgnore: options.useIgnore,
    ignorePath: options.ignorePath,
    extraPatterns: configFilePatterns(config),
    isIgnoredByConfig: (p) => isIgnoredByConfig(config, p),
  });
  return { cwd, config, ...enumerated };
}

function runCacheKey(options: LintFilesOptions, limits: Limits): string {
  return hashCacheKey(
    options.cacheKey ?? '',
    CORE_VERSION,
    RULES.map((r) => r.meta.id).join(','),
    options.format ?? '',
    String(options.allowInlineConfig ?? ''),
    String(options.reportUnusedDisableDirectives ?? ''),
    JSON.stringify(limits),
  );
}
