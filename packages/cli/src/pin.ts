import { relative, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, LOCK_FILE_NAME, createLock, diffLocks, loadConfig, readLock, sanitize, writeLock, type LockChange } from '@promptlint/core';
import type { CliIO } from './cli.ts';

const OPTIONS = {
  update: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  'no-ignore': { type: 'boolean' },
  'ignore-path': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const PIN_HELP = `promptlint pin [options] [dir]

Write <dir>/${LOCK_FILE_NAME} (default: the current directory): content hashes of the LangChain hub manifests and
MCP tool listings, the exact package versions and image digests of MCP servers, and the commits of remote prompt
references of the files a lint of <dir> reads. Linting then reports any change (rule pinned-content-drift).
Only hashes and identifiers are written, never prompt text or values. The output is deterministic.

Options:
  --update                   Accept the current state (after review): overwrite an existing lock
  -c, --config <file>        Config file whose ignores apply (default: looked up from the working directory)
  --no-config-lookup         Ignore config files
  --no-ignore                Do not honour .gitignore, .promptlintignore or config ignores
  --ignore-path <file>       An extra ignore file (gitignore syntax)
  -h, --help                 Print this help

Exit codes: 0 lock written or already up to date, 1 an existing lock differs (not overwritten without --update),
2 usage or config failure, or an existing lock that cannot be read (without --update).
`;

/** `promptlint pin [dir]`. Returns the exit code. */
export async function runPin(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`promptlint pin: ${(e as Error).message}\nRun 'promptlint pin --help' for the options.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(PIN_HELP);
    return 0;
  }
  if (positionals.length > 1) {
    io.stderr('promptlint pin: takes one folder (the lock is written there)\n');
    return 2;
  }
  const cwd = resolve(io.cwd);
  const dir = resolve(cwd, positionals[0] ?? '.');
  if (!isDir(dir)) {
    io.stderr(`promptlint pin: ${positionals[0] ?? '.'} is not a folder\n`);
    return 2;
  }
  let config;
  try {
    config = await loadConfig({ cwd, configFile: values.config, useConfigFile: !values['no-config-lookup'] });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`promptlint pin: ${sanitize(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  const { lock, path, scanned, skipped } = await createLock(dir, { cwd, config, useIgnore: !values['no-ignore'], ignorePath: values['ignore-path'] });
  for (const s of skipped) io.stderr(`promptlint pin: skipped ${s.filePath}: ${s.reason}\n`);
  const shown = displayPath(cwd, path);
  const exists = existsSync(path);
  const before = exists ? readLock(path) : undefined;
  if (before?.error !== undefined && !values.update) {
    io.stderr(`promptlint pin: ${shown} ${before.error}; review it, then re-create it with 'promptlint pin --update'\n`);
    return 2;
  }
  const changes = diffLocks(before?.lock, lock);
  const pinned = Object.keys(lock.files).length;
  const upToDate = exists && before?.lock !== undefined && !changes.length;
  io.stdout(summary(shown, changes, pinned, scanned, exists && !values.update && !upToDate));
  if (upToDate) return 0;
  if (exists && !values.update) {
    io.stderr(`promptlint pin: ${shown} exists and differs from the current state: not overwritten. Review the changes above, then accept them with 'promptlint pin --update'.\n`);
    return 1;
  }
  try {
    writeLock(path, lock);
  } catch (e) {
    io.stderr(`promptlint pin: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  return 0;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function displayPath(cwd: string, p: string): string {
  const rel = relative(cwd, p);
  return (rel && !rel.startsWith('..') ? rel : p).split(sep).join('/');
}

const MARK = { added: '+', changed: '~', removed: '-' } as const;

/** What changed, one line per file and one indented line per detail (identifiers only, masked once more). */
function summary(lockPath: string, changes: readonly LockChange[], pinned: number, scanned: number, refused: boolean): string {
  const count = (c: LockChange['change']) => changes.filter((x) => x.change === c).length;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const lines: string[] = [];
  if (!changes.length) lines.push(`${lockPath}: up to date (${files(pinned)} pinned of ${scanned} read)`);
  else {
    lines.push(`${lockPath}: ${refused ? 'would change' : 'written'}: ${files(pinned)} pinned of ${scanned} read; ${count('added')} added, ${count('changed')} changed, ${count('removed')} removed`);
    for (const c of changes) {
      lines.push(`  ${MARK[c.change]} ${c.file}${c.change === 'added' && c.details[0] ? ` (${c.details[0]})` : ''}`);
      if (c.change === 'changed') for (const d of c.details) lines.push(`      ${d}`);
    }
  }
  return sanitize(`${lines.join('\n')}\n`);
}

