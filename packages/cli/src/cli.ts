import { writeFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  BaselineError, applyBaseline, createBaseline, existingSalt, newSalt, readBaseline, setMaskSalt, writeBaseline, type Baseline,
  ConfigError, FORMAT_IDS, RULES, configForFile, parseShard, resolveCacheLocation, hashCacheKey, lintFiles, lintTextSync, sanitize, isIgnoredByConfig,
  type FormatId, type LintResult, type SkippedFile,
} from '@promptlint/core';
import { LIMIT_FLAGS, LIMIT_NAMES, configLimits, formatLimit, parseLimitValue, resolveLimits, type Limits } from '@promptlint/core';
import { formatGithub } from './formatters/github.ts';
import { formatJson } from './formatters/json.ts';
import { formatSarif } from './formatters/sarif.ts';
import { formatStylish } from './formatters/stylish.ts';
import { VERSION } from './version.ts';
import { runInit } from './init.ts';
import { configFromFlags } from './config-flags.ts';
import { runPin } from './pin.ts';

/** Size and mtime of this module: a rebuilt CLI (same version number) does not reuse old cache entries. */
const BUILD_STAMP = (() => {
  try {
    const st = statSync(fileURLToPath(import.meta.url));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
})();

export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'print-config': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  'ignore-path': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  shard: { type: 'string' },
  'max-file-size': { type: 'string' },
  'max-line-length': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-findings': { type: 'string' },
  'no-inline-config': { type: 'boolean' },
  'report-unused-disable-directives': { type: 'boolean' },
  parser: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  init: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const HELP = `promptlint [options] [file|dir|glob ...]

Static security linter for prompts, instruction files, LangChain hub exports, agent configs and MCP configs.
With no arguments, lints the current directory. Nothing it reads is executed, and it never uses the network.

Commands:
  inventory [paths]                    Write an AI bill of materials: CycloneDX 1.6 JSON (see 'promptlint inventory --help')
  pin [dir] [--update]                 Write or update <dir>/promptlint.lock (see 'promptlint pin --help')

Output:
  -f, --format <name>                  stylish (default), json, sarif, github
  -o, --output <file>                  Write the report to a file
  --quiet                              Report errors only
  --max-warnings <n>                   Exit 1 when there are more than n warnings
  --color, --no-color                  Force colour on or off (default: on for a TTY)

Configuration:
  -c, --config <file>                  Use this config file (promptlint.config.{js,mjs,cjs,json})
  --no-config-lookup                   Ignore config files; use promptlint:recommended and --rule
  --rule <id: severity>                Set a rule, e.g. --rule 'exfil-instruction: warn' (repeatable)
  --print-config <file>                Print the configuration that applies to a file
  --parser <format>                    Read files as: ${FORMAT_IDS.join(', ')}
  --init                               Write a starter promptlint.config.js for this repository

Files:
  --no-ignore                          Do not honour .gitignore, .promptlintignore or config ignores
  --ignore-path <file>                 An extra ignore file (gitignore syntax)
  --cache                              Reuse results for files whose content and config are unchanged
  --cache-location <path>              Cache file or folder (default: .promptlintcache)
  --shard <i/n>                        Lint only shard i of n (stable split by path, for CI matrices)
  --stdin                              Lint text from standard input
  --stdin-filename <path>              Name (and so format) of the standard input

Limits (over the config's "limits"; see docs/hardening.md#limits):
  --max-file-size <size>               Skip larger files (default 10MiB; bytes or 512KiB, 10MiB, 1MB)
  --max-line-length <n>                Lint a file with a longer line as raw text (default 1048576)
  --max-depth <n>                      Deepest YAML/JSON/TOML nesting parsed (default 200)
  --max-aliases <n>                    Most YAML aliases in a file, never expanded (default 1000)
  --max-findings <n>                   Most findings reported per file (default 1000)

Fixes and directives:
  --fix                                Apply safe automatic fixes to the files
  --fix-dry-run                        Compute fixes without writing them (see the json output)
  --no-inline-config                   Ignore promptlint-disable comments
  --report-unused-disable-directives   Report disable comments that suppress nothing

Baseline:
  --write-baseline <file>              Record the current findings in a baseline file (keeps its salt)
  --baseline <file>                    Report only findings not in the baseline (exit 2 if it is missing)

  -v, --version                        Print the version
  -h, --help                           Print this help

Exit codes: 0 no errors (warnings allowed), 1 errors or too many warnings, 2 usage, config or internal failure.
`;

export interface CliIO {
  readonly cwd: string;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Standard input as text; may stop reading once more than `maxBytes` bytes have arrived. */
  readonly readStdin: (maxBytes?: number) => Promise<string>;
  readonly isTTY: boolean;
  readonly env: Record<string, string | undefined>;
}

class UsageError extends Error {}

function defaultIO(): CliIO {
  return {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async (maxBytes = Infinity) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const c of process.stdin) {
        chunks.push(c as Buffer);
        total += (c as Buffer).length;
        // Over the size limit: stop reading (the caller reports the limit), so an endless pipe cannot fill memory.
        if (total > maxBytes) break;
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
}

/** Run the CLI. Returns the exit code (never calls process.exit). */
export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof BaselineError) {
      io.stderr(`promptlint: ${sanitize(e.message)}\n`);
      return 2;
    }
    io.stderr(`promptlint: internal error: ${sanitize((e as Error).stack ?? String(e))}\n`);
    return 2;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'inventory') return (await import('./inventory/index.ts')).runInventory(argv.slice(1), io);
  if (argv[0] === 'pin') return runPin(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'promptlint --help' for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (values.init) {
    if (positionals.length) throw new UsageError('--init takes no file arguments (it writes promptlint.config.js in the working directory)');
    return runInit(resolve(io.cwd), io);
  }
  const format = (values.format ?? 'stylish') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}" (use ${OUTPUT_FORMATS.join(', ')})`);
  const parser = values.parser as FormatId | undefined;
  if (parser !== undefined && !FORMAT_IDS.includes(parser)) throw new UsageError(`Unknown parser "${parser}" (use ${FORMAT_IDS.join(', ')})`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings takes a whole number');
  }
  if (values.stdin && positionals.length) throw new UsageError('--stdin cannot be combined with file arguments');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  if (values.fix && values.stdin) throw new UsageError('--fix cannot be used with --stdin (use --fix-dry-run)');

  const cwd = resolve(io.cwd);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) throw new UsageError('--baseline and --write-baseline cannot be combined');
  let baseline: Baseline | undefined;
  let baselineSalt: string | undefined;
  if (values.baseline !== undefined) {
    baseline = readBaseline(resolve(cwd, values.baseline));
    baselineSalt = baseline.salt;
  } else if (values['write-baseline'] !== undefined) {
    baselineSalt = existingSalt(resolve(cwd, values['write-baseline'])) ?? newSalt();
  }
  // Fingerprints in messages become keyed hashes with the project's salt.
  setMaskSalt(baselineSalt);
  try {
    return await lintAndReport(values, positionals, io, cwd, baseline, baselineSalt);
  } finally {
    setMaskSalt(undefined);
  }
}

async function lintAndReport(
  values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'],
  positionals: string[],
  io: CliIO,
  cwd: string,
  baseline: Baseline | undefined,
  baselineSalt: string | undefined,
): Promise<number> {
  const format = (values.format ?? 'stylish') as OutputFormat;
  const parser = values.parser as FormatId | undefined;
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) maxWarnings = Number(values['max-warnings']);
  const { config, overrides } = await configFromFlags(values, cwd);
  const fix = !!(values.fix || values['fix-dry-run']);
  const limits = limitFlags(values);
  const engine = {
    allowInlineConfig: values['no-inline-config'] ? false : undefined,
    reportUnusedDisableDirectives: values['report-unused-disable-directives'] ? (1 as const) : undefined,
  };

  if (values['print-config'] !== undefined) {
    const file = resolve(cwd, values['print-config']);
    const fc = configForFile(config, file, overrides);
    io.stdout(`${sanitize(JSON.stringify({ configFile: config.filePath ?? null, rules: fc.ruleSettings, settings: { promptlint: fc.settings }, linterOptions: { noInlineConfig: fc.noInlineConfig, reportUnusedDisableDirectives: fc.reportUnusedDisableDirectives }, limits: resolveLimits(configLimits(config), limits) }, null, 2))}\n`);
    return 0;
  }

  let results: LintResult[];
  let skipped: SkippedFile[] = [];
  let stdinText: string | undefined;
  if (values.stdin) {
    const maxFileSize = resolveLimits(configLimits(config), limits).maxFileSize;
    const text = await io.readStdin(maxFileSize);
    stdinText = text.replace(/^\uFEFF/, '');
    const filePath = values['stdin-filename'] ? resolve(cwd, values['stdin-filename']) : '<text>';
    if (Buffer.byteLength(text) > maxFileSize) {
      results = [];
      skipped = [{ filePath, reason: `larger than the maxFileSize limit of ${formatLimit('maxFileSize', maxFileSize)} (raise limits.maxFileSize in the config or use --max-file-size)` }];
      io.stderr(`promptlint: skipped ${filePath === '<text>' ? 'standard input' : filePath}: ${skipped[0]!.reason}\n`);
    } else if (filePath !== '<text>' && !values['no-ignore'] && isIgnoredByConfig(config, filePath)) {
      results = [ignoredResult(filePath)];
    } else {
      results = [lintTextSync(text, { filePath, config, overrides, fix, format: parser, ...engine, limits })];
    }
  } else {
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    if (values.shard !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 <= i <= n (got "${values.shard}")`);
    const useCache = !!values.cache || values['cache-location'] !== undefined;
    const r = await lintFiles(positionals, {
      cwd, config, overrides, fix, format: parser, useIgnore: !values['no-ignore'], ignorePath: values['ignore-path'], ...engine, shard, limits,
      ...(useCache ? { cacheLocation: resolveCacheLocation(cwd, values['cache-location']), cacheKey: hashCacheKey(VERSION, BUILD_STAMP, baselineSalt ?? '') } : {}),
    });
    if (r.unmatched.length) throw new UsageError(`No files matching the pattern "${r.unmatched[0]}" were found.`);
    results = [...r.results, ...r.ignored.map(ignoredResult)];
    skipped = r.skipped;
    for (const s of skipped) io.stderr(`promptlint: skipped ${s.filePath}: ${s.reason}\n`);
    if (values.fix) {
      for (const res of results) if (res.output !== undefined) writeFileSync(res.filePath, res.output);
    }
  }
  if (values['write-baseline'] !== undefined || baseline) {
    const inputs = results.map((result) => ({ result, text: stdinText !== undefined ? stdinText : readSource(result.filePath) }));
    if (values['write-baseline'] !== undefined) {
      const file = resolve(cwd, values['write-baseline']);
      const b = createBaseline(inputs, cwd, baselineSalt);
      writeBaseline(file, b);
      io.stderr(`promptlint: wrote ${b.entries.length} finding${b.entries.length === 1 ? '' : 's'} to the baseline ${values['write-baseline']}\n`);
      return 0;
    }
    results = applyBaseline(inputs, baseline!, cwd);
  }
  if (!values['fix-dry-run']) for (const res of results) delete res.output;
  if (values.quiet) results = results.map(onlyErrors);

  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR;
  let report: string;
  switch (format) {
    case 'json':
      report = `${formatJson(results)}\n`;
      break;
    case 'sarif':
      report = `${formatSarif(results, { cwd, version: VERSION, skipped })}\n`;
      break;
    case 'github':
      report = formatGithub(results, { cwd });
      break;
    default:
      report = formatStylish(results, { cwd, color: !!color && !values.output });
  }
  // Messages are masked by the engine already; the report is passed through once more, whole.
  report = sanitize(report);
  if (values.output) {
    const out = resolve(cwd, values.output);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, report);
  } else io.stdout(report);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`promptlint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** The limits set by `--max-*` flags (each over the config's `limits`). */
function limitFlags(values: Record<string, unknown>): Partial<Limits> {
  const out: Partial<Record<keyof Limits, number>> = {};
  for (const name of LIMIT_NAMES) {
    const flag = LIMIT_FLAGS[name];
    const raw = values[flag.slice(2)];
    if (raw === undefined) continue;
    const r = parseLimitValue(name, raw);
    if ('error' in r) throw new UsageError(`${flag} ${r.error}`);
    out[name] = r.value;
  }
  return out;
}

/** The text a result was linted from (for baseline fingerprints); undefined when it cannot be read again. */
function readSource(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

function ignoredResult(filePath: string): LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 1, message: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to lint it anyway.', line: 0, column: 0 }],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

function onlyErrors(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
}


