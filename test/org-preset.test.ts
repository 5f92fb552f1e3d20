/**
 * The shared org preset (examples/org-preset, `@acme/promptlint-config`) consumed by two example repositories:
 * each is copied to a temp dir with the preset and eslint-plugin-promptlint linked into its node_modules (as an
 * install would), then linted by the CLI (in-process) and by ESLint's class. Both tools must report the same
 * findings, because both read the one settings object of the preset.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { runCli } from './helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'promptlint-org-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Copy an example repository and link what `npm install` would have put in its node_modules. */
function install(name: string): string {
  const dir = join(work, name);
  cpSync(join(root, 'examples', name), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@acme'), { recursive: true });
  // The preset is copied (as a `file:` install would), so its own imports resolve from the repository.
  cpSync(join(root, 'examples', 'org-preset'), join(dir, 'node_modules', '@acme', 'promptlint-config'), { recursive: true });
  symlinkSync(join(root, 'packages', 'eslint-plugin'), join(dir, 'node_modules', 'eslint-plugin-promptlint'), 'dir');
  return dir;
}

type Row = [file: string, ruleId: string, line: number, column: number, endLine: number, endColumn: number];
const sort = (rows: Row[]) => rows.sort((a, b) => a.join().localeCompare(b.join()));

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string; severity: number }[];
}

async function cliRows(dir: string): Promise<{ rows: Row[]; code: number; results: JsonResult[]; stdout: string }> {
  const run = await runCli(['-f', 'json', '.'], dir);
  assert.equal(run.stderr, '', run.stderr);
  const results = JSON.parse(run.stdout) as JsonResult[];
  const rows: Row[] = [];
  for (const r of results) for (const m of r.messages) rows.push([relative(dir, r.filePath).split('\\').join('/'), m.ruleId ?? 'fatal', m.line, m.column, m.endLine ?? 0, m.endColumn ?? 0]);
  return { rows: sort(rows), code: run.code, results, stdout: run.stdout };
}

async function eslintRows(dir: string): Promise<Row[]> {
  const eslint = new ESLint({ cwd: dir });
  const results = await eslint.lintFiles(['.']);
  const rows: Row[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      if (m.ruleId !== null && !m.ruleId.startsWith('promptlint/')) continue;
      rows.push([relative(dir, r.filePath).split('\\').join('/'), m.ruleId ? m.ruleId.slice('promptlint/'.length) : 'fatal', m.line, m.column, m.endLine ?? 0, m.endColumn ?? 0]);
    }
  }
  return sort(rows);
}

/** The exact text each finding must cover, located in the example file itself. */
const FINDINGS: Record<string, [file: string, ruleId: string, needle: string][]> = {
  'org-repo-a': [
    ['AGENTS.md', 'org-forbidden-host', 'https://paste.example/raw/escalation'],
    ['AGENTS.md', 'org-forbidden-phrase', 'skip the security review'],
    ['.cursor/mcp.json', 'insecure-mcp-server-url', 'crm-bridge.vendor.example'],
  ],
  'org-repo-b': [
    ['.vscode/mcp.json', 'org-internal-token', 'acme_live_Q7mX2kP9wL4tR8vZ3nB6cJ1h'],
    // The built-in MCP credential rule sees the same literal under a credential name.
    ['.vscode/mcp.json', 'mcp-literal-credential', 'acme_live_Q7mX2kP9wL4tR8vZ3nB6cJ1h'],
    ['prompts/triage.prompty', 'org-forbidden-host', 'https://share.fileshare.example/t/{{ticket_id}}'],
    ['prompts/summarize.prompty', 'untrusted-model-endpoint', 'api.fast-llm.example'],
  ],
};

function expected(name: string): Row[] {
  return sort(
    FINDINGS[name]!.map(([file, ruleId, needle]) => {
      const text = readFileSync(join(root, 'examples', name, file), 'utf8');
      const at = text.indexOf(needle);
      assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `${needle} occurs once in ${file}`);
      const pos = (o: number) => {
        const before = text.slice(0, o);
        return [before.split('\n').length, o - before.lastIndexOf('\n')] as const;
      };
      const [line, column] = pos(at);
      const [endLine, endColumn] = pos(at + needle.length);
      return [file, ruleId, line, column, endLine, endColumn] as Row;
    }),
  );
}

describe('org preset: @acme/promptlint-config in two repositories', () => {
  for (const name of ['org-repo-a', 'org-repo-b']) {
    it(`${name}: the CLI and ESLint report the same findings, with the org's hosts trusted`, async () => {
      const dir = install(name);
      const cli = await cliRows(dir);
      assert.deepEqual(cli.rows, expected(name));
      assert.equal(cli.code, 1, 'errors fail the run');
      assert.deepEqual(await eslintRows(dir), expected(name), 'ESLint with the companion export agrees with the CLI');
    });
  }

  it('applies the org severities and settings (print-config) and masks internal tokens', async () => {
    const dir = join(work, 'org-repo-b');
    const printed = await runCli(['--print-config', 'prompts/triage.prompty'], dir);
    assert.equal(printed.code, 0, printed.stderr);
    const config = JSON.parse(printed.stdout) as { rules: Record<string, unknown>; settings: { promptlint: Record<string, unknown> } };
    assert.equal(config.rules['model-gateway-endpoint'], 'off');
    assert.equal(config.rules['hardcoded-credential'], 'error');
    assert.deepEqual(config.settings.promptlint.trustedHosts, ['llm.acme.example', '*.llm.acme.example']);
    const { stdout } = await cliRows(dir);
    assert.ok(!stdout.includes('Q7mX2kP9wL4tR8vZ3nB6cJ1h'), 'the internal token is never printed');
    assert.match(stdout, /acme_live_|…\[34 chars/);
    assert.ok(!/acme_live_Q7/.test(stdout));
  });

  it('the trusted-host list lives in one place: CLI and ESLint configs read the same settings object', async () => {
    const dir = join(work, 'org-repo-a');
    const eslint = new ESLint({ cwd: dir });
    const eslintConfig = (await eslint.calculateConfigForFile(join(dir, 'AGENTS.md'))) as { settings: { promptlint: Record<string, unknown> } };
    const printed = JSON.parse((await runCli(['--print-config', 'AGENTS.md'], dir)).stdout) as { settings: { promptlint: Record<string, unknown> } };
    assert.deepEqual(eslintConfig.settings.promptlint, printed.settings.promptlint);
    // Without the preset the org's own hosts are findings: the settings are what trusts them.
    const bare = await runCli(['--no-config-lookup', '-f', 'json', 'OAI_CONFIG_LIST', '.cursor/mcp.json'], dir);
    const ids = (JSON.parse(bare.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    assert.ok(ids.includes('untrusted-model-endpoint') && ids.includes('model-gateway-endpoint'), ids.join());
  });
});
