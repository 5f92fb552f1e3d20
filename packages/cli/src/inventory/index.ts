import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FORMAT_IDS, inventoryFiles, sanitize, type FormatId } from '@promptlint/core';
import { configFromFlags } from '../config-flags.ts';
import type { CliIO } from '../cli.ts';
import { VERSION } from '../version.ts';
import { toInventoryJson, toInventoryTable } from './formats.ts';

export const INVENTORY_FORMATS = ['cyclonedx', 'json', 'stylish'] as const;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  'ignore-path': { type: 'string' },
  parser: { type: 'string' },
  'no-inline-config': { type: 'boolean' },
  timestamp: { type: 'boolean' },
  'serial-number': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const INVENTORY_HELP = `promptlint inventory [options] [file|dir|glob ...]

Write an AI bill of materials of the files promptlint lints: models, model endpoints, MCP servers (remote ones as
services, launched packages with package URLs), prompt files and hub manifests with SHA-256 hashes, LangChain hub
references, and the findings of the normal lint linked to the component each concerns. Nothing is executed or
fetched. With no arguments, takes the current directory.

  -f, --format <name>        cyclonedx (CycloneDX 1.6 JSON, default), json (docs/schema/inventory-v1.schema.json), stylish
  -o, --output <file>        Write to a file instead of standard output
  -c, --config <file>        Use this config file (trusted hosts, rules)
  --no-config-lookup         Ignore config files; use promptlint:recommended and --rule
  --rule <id: severity>      Set a rule for the linked findings (repeatable)
  --no-ignore                Do not honour .gitignore, .promptlintignore or config ignores
  --ignore-path <file>       An extra ignore file (gitignore syntax)
  --parser <format>          Read files as: ${FORMAT_IDS.join(', ')}
  --no-inline-config         Ignore promptlint-disable comments
  --timestamp                Add metadata.timestamp (left out by default: the output is reproducible)
  --serial-number            Add a serialNumber derived from the content (the same files give the same serial)
  -h, --help                 Print this help

Exit codes: 0 inventory written (findings do not fail it), 2 usage or config error.
`;

/** `promptlint inventory ...`: returns the exit code. Config errors are thrown to the caller, which reports them. */
export async function runInventory(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usage(io, `${(e as Error).message}\nRun 'promptlint inventory --help' for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(INVENTORY_HELP);
    return 0;
  }
  const format = values.format ?? 'cyclonedx';
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) return usage(io, `Unknown inventory format "${format}" (use ${INVENTORY_FORMATS.join(', ')})`);
  const parser = values.parser as FormatId | undefined;
  if (parser !== undefined && !FORMAT_IDS.includes(parser)) return usage(io, `Unknown parser "${parser}" (use ${FORMAT_IDS.join(', ')})`);

  const cwd = resolve(io.cwd);
  const { config, overrides } = await configFromFlags(values, cwd);
  const { inventory, unmatched } = await inventoryFiles(positionals, {
    cwd, config, overrides, format: parser, useIgnore: !values['no-ignore'], ignorePath: values['ignore-path'],
    allowInlineConfig: values['no-inline-config'] ? false : undefined,
  });
  if (unmatched.length) return usage(io, `No files matching the pattern "${unmatched[0]}" were found.`);
  for (const s of inventory.skipped) io.stderr(`promptlint: skipped ${s.filePath}: ${s.reason}\n`);

  let report: string;
  if (format === 'json') report = `${toInventoryJson(inventory, VERSION)}\n`;
  else if (format === 'stylish') report = toInventoryTable(inventory);
  else {
    // Loaded on demand: linting never pays for the CycloneDX library.
    const { toCycloneDx } = await import('./cyclonedx.ts');
    report = `${toCycloneDx(inventory, {
      version: VERSION, rootName: basename(cwd) || 'workspace', ...(values.timestamp ? { timestamp: new Date() } : {}), serialNumber: !!values['serial-number'],
    })}\n`;
  }
  // Values are masked where they are copied; the whole report is passed through once more.
  report = sanitize(report);
  if (values.output) {
    const out = resolve(cwd, values.output);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, report);
  } else io.stdout(report);
  return 0;
}

function usage(io: CliIO, message: string): number {
  io.stderr(`promptlint inventory: ${sanitize(message)}\n`);
  return 2;
}
