import { resolve } from 'node:path';
import { parseDocument, sniffFormat } from './formats/index.ts';
import { lintDocument, type EnabledRule, type EngineOptions } from './engine.ts';
import { configFilePatterns, configForFile, isIgnoredByConfig, loadConfig, type ConfigObject, type LoadedConfig } from './config.ts';
import { enumerateFiles } from './files.ts';
import { readTextFile, stripBom, type ReadLimits } from './io.ts';
import type { FormatId, LintResult, PromptlintSettings, SkippedFile } from './types.ts';

export interface LintTextOptions {
  /** Used for format detection, config matching and the result's `filePath`. */
  readonly filePath?: string;
  /** Force an adapter (`--parser`). */
  readonly format?: FormatId;
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
  if (!options.fix) return lintDocument(parseDocument({ path: filePath, text: body }, format), rules ?? [], engine);
  // As in ESLint: apply fixes, lint the result again (up to 10 passes), and report what remains.
  let current = body;
  let result: LintResult | undefined;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    result = lintDocument(parseDocument({ path: filePath, text: current }, format), rules ?? [], engine);
    if (result.output === undefined || result.output === current) break;
    current = result.output;
  }
  const final = result!;
  delete final.output;
  if (current !== body) final.output = (text.length !== body.length ? '\uFEFF' : '') + current;
  return final;
}

const MAX_FIX_PASSES = 10;

export interface LintFilesOptions extends ReadLimits {
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
}

/** Lint files, directories and globs. A file that cannot be read is skipped with a reason; the others are still linted. */
export async function lintFiles(inputs: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = options.config ?? (await loadConfig({ cwd, configFile: options.configFile, useConfigFile: options.useConfigFile }));
  const { files, ignoredExplicit, unmatched } = await enumerateFiles(inputs, {
    cwd,
    useIgnore: options.useIgnore,
    ignorePath: options.ignorePath,
    extraPatterns: configFilePatterns(config),
    isIgnoredByConfig: (p) => isIgnoredByConfig(config, p),
  });
  const results: LintResult[] = [];
  const skipped: SkippedFile[] = [];
  for (const f of files) {
    const read = readTextFile(f.path, options);
    if (!read.ok) {
      skipped.push({ filePath: f.path, reason: read.reason });
      continue;
    }
    results.push(lintTextSync(read.text, { ...options, filePath: f.path, config }));
  }
  return { results, skipped, ignored: ignoredExplicit, unmatched, config };
}
