import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { lilconfig } from 'lilconfig';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { PromptlintSettings, Rule, RuleSetting } from './types.ts';
import { presetConfig, PRESET_NAMES, ruleById } from './rules/index.ts';
import { validateOptions } from './schema.ts';
import type { EnabledRule } from './engine.ts';
import { validateLimits, type Limits, type LimitsInput } from './limits.ts';

/** One object of a flat config (ESLint's shape, promptlint's keys). */
export interface ConfigObject {
  readonly name?: string;
  readonly files?: readonly string[];
  readonly ignores?: readonly string[];
  readonly extends?: readonly (string | ConfigObject | readonly ConfigObject[])[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly settings?: { readonly promptlint?: PromptlintSettings } & Record<string, unknown>;
  readonly linterOptions?: {
    readonly noInlineConfig?: boolean;
    readonly reportUnusedDisableDirectives?: boolean | 'off' | 'warn' | 'error' | 0 | 1 | 2;
  };
  /** Run-wide resource limits (limits.ts): only in an object without `files` or `ignores`. */
  readonly limits?: LimitsInput;
}

export type FlatConfig = readonly ConfigObject[];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAMES = ['promptlint.config.js', 'promptlint.config.mjs', 'promptlint.config.cjs', 'promptlint.config.json', '.promptlintrc.json'] as const;

export interface LoadedConfig {
  /** Flattened config objects (extends resolved). */
  readonly objects: FlatConfig;
  /** The file it came from; undefined for the built-in default. */
  readonly filePath?: string;
  /** Directory `files`/`ignores` patterns are relative to. */
  readonly basePath: string;
}

async function importModule(file: string): Promise<unknown> {
  // Only the user's own config is ever imported; scanned files never are.
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return mod.default ?? mod;
}

function readJsonConfig(file: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
  if (errors.length) throw new ConfigError(`${file}: invalid JSON at offset ${errors[0]!.offset}`);
  return value;
}

/** Find the config for `cwd` (from there upward) or load `explicitPath`. Falls back to `promptlint:recommended`. */
export async function loadConfig(options: { cwd?: string; configFile?: string; useConfigFile?: boolean } = {}): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  let file: string | undefined;
  if (options.configFile) {
    file = resolve(cwd, options.configFile);
    if (!existsSync(file)) throw new ConfigError(`Config file not found: ${options.configFile}`);
  } else if (options.useConfigFile !== false) {
    const found = await lilconfig('promptlint', {
      searchPlaces: [...CONFIG_FILE_NAMES],
      stopDir: dirname(resolve('/')),
      loaders: { '.js': () => null, '.mjs': () => null, '.cjs': () => null, '.json': () => null, noExt: () => null },
    }).search(cwd);
    file = found?.filepath;
  }
  if (!file) return { objects: resolveExtends([{ extends: ['promptlint:recommended'] }], cwd), basePath: cwd };
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? readJsonConfig(file) : await importModule(file);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`Cannot load config ${file}: ${(e as Error).message}`);
  }
  const basePath = dirname(file);
  const objects = await normalise(raw, file);
  await preloadSharedConfigs(objects, basePath);
  return { objects: resolveExtends(objects, basePath), filePath: file, basePath };
}

async function normalise(raw: unknown, file: string): Promise<ConfigObject[]> {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: ConfigObject[] = [];
  for (const item of list.flat(Infinity)) {
    if (item === null || typeof item !== 'object') throw new ConfigError(`${file}: each config entry must be an object`);
    out.push(item as ConfigObject);
  }
  return out;
}

const KNOWN_KEYS = new Set(['name', 'files', 'ignores', 'extends', 'rules', 'settings', 'linterOptions', 'plugins', 'language', 'languageOptions', 'limits']);

/** Flatten `extends` (presets by name, packages by name resolved from `basePath`, inline objects). */
export function resolveExtends(objects: readonly ConfigObject[], basePath: string, depth = 0): ConfigObject[] {
  if (depth > 20) throw new ConfigError('extends is nested too deeply (a cycle?)');
  const out: ConfigObject[] = [];
  for (const obj of objects) {
    for (const k of Object.keys(obj)) if (!KNOWN_KEYS.has(k)) throw new ConfigError(`Unexpected key "${k}" in config${obj.name ? ` "${obj.name}"` : ''}`);
    const extended: ConfigObject[] = [];
    for (const ext of obj.extends ?? []) {
      if (typeof ext === 'string') extended.push(...resolveExtends(resolveNamed(ext, basePath), basePath, depth + 1));
      else extended.push(...resolveExtends(Array.isArray(ext) ? (ext as ConfigObject[]) : [ext as ConfigObject], basePath, depth + 1));
    }
    for (const e of extended) out.push(obj.files && !e.files ? { ...e, files: obj.files } : e);
    const { extends: _drop, ...rest } = obj;
    void _drop;
    out.push(rest);
  }
  for (const o of out) {
    checkRules(o);
    checkLimits(o);
  }
  return out;
}

/** `limits` values are validated when the config loads; they apply to the whole run, so never to a `files` subset. */
function checkLimits(obj: ConfigObject): void {
  if (obj.limits === undefined) return;
  const where = obj.name ? `Config "${obj.name}": ` : '';
  if (obj.files || obj.ignores) {
    throw new ConfigError(`${where}limits apply to the whole run (they decide what is read before any file is matched): put them in a config object without "files" or "ignores"`);
  }
  try {
    validateLimits(obj.limits);
  } catch (e) {
    throw new ConfigError(`${where}${(e as Error).message}`);
  }
}

/** The `limits` a loaded config sets (later objects win); the defaults fill the rest (see resolveLimits). */
export function configLimits(config: LoadedConfig): Partial<Limits> {
  let out: Partial<Limits> = {};
  for (const o of config.objects) if (o.limits !== undefined) out = { ...out, ...validateLimits(o.limits) };
  return out;
}

function resolveNamed(name: string, basePath: string): ConfigObject[] {
  const preset = /^promptlint:(\w+)$/.exec(name);
  if (preset) {
    if (!PRESET_NAMES.includes(preset[1] as (typeof PRESET_NAMES)[number])) throw new ConfigError(`Unknown preset "${name}" (known: ${PRESET_NAMES.map((p) => `promptlint:${p}`).join(', ')})`);
    return [presetConfig(preset[1] as (typeof PRESET_NAMES)[number])];
  }
  // A shared config package: must be loaded before resolution (see loadConfigPackages); here we accept JSON packages.
  const byName = packageCache.get(name);
  if (byName) return byName;
  const entry = resolvePackage(name, basePath);
  const cached = packageCache.get(entry);
  if (cached) return cached;
  if (entry.endsWith('.json')) return toList(readJsonConfig(entry), name);
  throw new ConfigError(`Shared config "${name}" was not preloaded (call loadConfig, which imports it)`);
}

const packageCache = new Map<string, ConfigObject[]>();

/** Resolve a shared config package's entry file the way Node would from `basePath`. */
function resolvePackage(name: string, basePath: string): string {
  try {
    return createRequire(resolve(basePath, 'noop.js')).resolve(name);
  } catch {
    throw new ConfigError(`Cannot find shared config "${name}" from ${basePath}`);
  }
}

function toList(raw: unknown, name: string): ConfigObject[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flat(Infinity);
  for (const item of list) if (item === null || typeof item !== 'object') throw new ConfigError(`Shared config "${name}" must export config objects`);
  return list as ConfigObject[];
}

/** Import the JS shared-config packages a config extends (resolved from its folder), so resolution stays sync. */
export async function preloadSharedConfigs(objects: readonly ConfigObject[], basePath: string, depth = 0): Promise<void> {
  if (depth > 20) return;
  for (const obj of objects) {
    for (const ext of obj.extends ?? []) {
      if (typeof ext !== 'string' || ext.startsWith('promptlint:')) {
        if (typeof ext === 'object') await preloadSharedConfigs(Array.isArray(ext) ? (ext as ConfigObject[]) : [ext as ConfigObject], basePath, depth + 1);
        continue;
      }
      const entry = resolvePackage(ext, basePath);
      if (packageCache.has(entry)) continue;
      let list: ConfigObject[];
      try {
        list = toList(entry.endsWith('.json') ? readJsonConfig(entry) : await importModule(entry), ext);
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        throw new ConfigError(`Cannot load shared config "${ext}": ${(e as Error).message}`);
      }
      packageCache.set(entry, list);
      packageCache.set(ext, list);
      await preloadSharedConfigs(list, dirname(entry), depth + 1);
    }
  }
}

function severityOf(setting: RuleSetting): 0 | 1 | 2 | undefined {
  const s = Array.isArray(setting) ? setting[0] : setting;
  if (s === 0 || s === 'off') return 0;
  if (s === 1 || s === 'warn') return 1;
  if (s === 2 || s === 'error') return 2;
  return undefined;
}

function checkRules(obj: ConfigObject): void {
  for (const [id, setting] of Object.entries(obj.rules ?? {})) {
    const bare = id.startsWith('promptlint/') ? id.slice('promptlint/'.length) : id;
    const rule = ruleById(bare);
    if (!rule) throw new ConfigError(`Definition for rule "${id}" was not found`);
    if (severityOf(setting) === undefined) throw new ConfigError(`Rule "${id}": severity must be "off", "warn", "error", 0, 1 or 2`);
    if (Array.isArray(setting) && setting.length > 1) {
      const err = validateOptions(rule.meta.schema, setting[1]);
      if (err) throw new ConfigError(`Rule "${id}": ${err}`);
    }
  }
}

export interface FileConfig {
  readonly rules: EnabledRule[];
  readonly settings: PromptlintSettings;
  readonly noInlineConfig: boolean;
  readonly reportUnusedDisableDirectives: 0 | 1 | 2;
  /** The merged `rules` object (for --print-config). */
  readonly ruleSettings: Record<string, RuleSetting>;
}

const matcherCache = new Map<string, (p: string) => boolean>();
function matches(patterns: readonly string[], rel: string): boolean {
  const key = patterns.join('\0');
  let m = matcherCache.get(key);
  if (!m) {
    m = picomatch(patterns as string[], { dot: true });
    matcherCache.set(key, m);
  }
  return m(rel);
}

/** Is `obj` a global-ignores object (only `ignores`, and maybe `name`)? */
export function isGlobalIgnores(obj: ConfigObject): boolean {
  return !!obj.ignores && Object.keys(obj).every((k) => k === 'ignores' || k === 'name');
}

export function relativeTo(basePath: string, filePath: string): string {
  const abs = isAbsolute(filePath) ? filePath : resolve(filePath);
  return relative(basePath, abs).replace(/\\/g, '/');
}

/** Is a file ignored by the config's global `ignores`? */
export function isIgnoredByConfig(config: LoadedConfig, filePath: string): boolean {
  const rel = relativeTo(config.basePath, filePath);
  return config.objects.some((o) => isGlobalIgnores(o) && matches(o.ignores!, rel));
}

/** Extra patterns that config `files` add to directory discovery. */
export function configFilePatterns(config: LoadedConfig): string[] {
  return config.objects.flatMap((o) => (o.files ?? []).filter((f) => !f.startsWith('!')));
}

function unusedSetting(v: ConfigObject['linterOptions'] extends infer L ? L extends { reportUnusedDisableDirectives?: infer R } ? R : never : never): 0 | 1 | 2 {
  if (v === true || v === 'warn' || v === 1) return 1;
  if (v === 'error' || v === 2) return 2;
  return 0;
}

/** The rules, settings and options that apply to one file. */
export function configForFile(config: LoadedConfig, filePath: string, extra: readonly ConfigObject[] = []): FileConfig {
  const rel = relativeTo(config.basePath, filePath);
  const ruleSettings: Record<string, RuleSetting> = {};
  let settings: Record<string, unknown> = {};
  let noInlineConfig = false;
  let unused: 0 | 1 | 2 = 0;
  for (const o of [...config.objects, ...extra]) {
    if (isGlobalIgnores(o)) continue;
    if (o.files && !matches(o.files, rel)) continue;
    if (o.ignores && matches(o.ignores, rel)) continue;
    for (const [id, setting] of Object.entries(o.rules ?? {})) {
      const bare = id.startsWith('promptlint/') ? id.slice('promptlint/'.length) : id;
      const prev = ruleSettings[bare];
      // A severity alone keeps options set earlier, as in ESLint.
      if (!Array.isArray(setting) && Array.isArray(prev) && prev.length > 1) ruleSettings[bare] = [setting as never, prev[1]];
      else ruleSettings[bare] = setting;
    }
    if (o.settings) settings = deepMerge(settings, o.settings as Record<string, unknown>);
    if (o.linterOptions?.noInlineConfig !== undefined) noInlineConfig = o.linterOptions.noInlineConfig;
    if (o.linterOptions?.reportUnusedDisableDirectives !== undefined) unused = unusedSetting(o.linterOptions.reportUnusedDisableDirectives);
  }
  const rules: EnabledRule[] = [];
  for (const [id, setting] of Object.entries(ruleSettings)) {
    const sev = severityOf(setting);
    const rule = ruleById(id) as Rule<any> | undefined;
    if (!sev || !rule) continue;
    rules.push({ rule, severity: sev, options: Array.isArray(setting) ? (setting[1] as Record<string, unknown> | undefined) : undefined });
  }
  return { rules, settings: (settings.promptlint ?? {}) as PromptlintSettings, noInlineConfig, reportUnusedDisableDirectives: unused, ruleSettings };
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** Parse a `--rule` value: `id: severity` or `{"id": ["warn", {...}]}` (ESLint's forms). */
export function parseRuleFlag(value: string): Record<string, RuleSetting> {
  const v = value.trim();
  if (v.startsWith('{')) {
    const errors: ParseError[] = [];
    const parsed = parseJsonc(v, errors);
    if (errors.length || typeof parsed !== 'object' || parsed === null) throw new ConfigError(`Invalid --rule value: ${value}`);
    return parsed as Record<string, RuleSetting>;
  }
  const m = /^([\w/-]+)\s*:(.+)$/s.exec(v);
  if (!m) throw new ConfigError(`Invalid --rule value "${value}" (expected "rule-id: error" or JSON)`);
  const sev = m[2]!.trim();
  if (sev.startsWith('[')) {
    const errors: ParseError[] = [];
    const parsed = parseJsonc(sev, errors);
    if (errors.length) throw new ConfigError(`Invalid --rule value: ${value}`);
    return { [m[1]!]: parsed as RuleSetting };
  }
  return { [m[1]!]: /^\d$/.test(sev) ? (Number(sev) as 0 | 1 | 2) : (sev as RuleSetting) };
}
