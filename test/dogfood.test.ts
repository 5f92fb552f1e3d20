/**
 * Issue 8, dogfooding: promptlint lints its own repository with the recommended preset, examples/, test
 * fixtures and the rule pages (which quote attacks on purpose) ignored through `.promptlintignore.self`, and
 * finds nothing. The ignore file is passed with --ignore-path, so `promptlint examples/` from the repository
 * root still finds the seeded problems (checked below too).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The self-lint command (also in docs/hardening.md). */
const SELF_LINT_ARGS = ['--no-config-lookup', '--ignore-path', '.promptlintignore.self', '.', '**/*.md', '**/*.{yml,yaml,json,jsonc,toml,prompty,prompt}'];

interface Result {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: { ruleId: string | null; severity: number; line: number; column: number; message: string }[];
}

describe('promptlint lints its own repository', () => {
  it('exits 0 with no findings (examples/, fixtures and docs/rules ignored)', async () => {
    const r = await runCli(['-f', 'json', ...SELF_LINT_ARGS], root);
    const results = JSON.parse(r.stdout) as Result[];
    const findings = results.flatMap((x) => x.messages.map((m) => `${relative(root, x.filePath)}:${m.line}:${m.column} ${m.ruleId} (${m.severity === 2 ? 'error' : 'warning'}) ${m.message}`));
    assert.deepEqual(findings, [], `the self-lint found:\n${findings.join('\n')}`);
    assert.equal(r.code, 0, r.stderr);

    const files = results.map((x) => relative(root, x.filePath).split('\\').join('/'));
    // What it covers: the READMEs, the docs, the package manifests, the action and hook definitions.
    for (const f of ['README.md', 'docs/architecture.md', 'docs/hardening.md', 'package.json', 'packages/core/package.json', 'action.yml', '.pre-commit-hooks.yaml']) {
      if (existsSync(join(root, f))) assert.ok(files.includes(f), `${f} is linted`);
    }
    // What it leaves out.
    assert.deepEqual(files.filter((f) => f.startsWith('examples/') || f.includes('/fixtures/') || f.startsWith('docs/rules/') || f.includes('node_modules/')), []);
  });

  it('the README row quoting a look-alike host carries an inline directive, not an ignore', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /<!-- promptlint-disable-line confusable-hostname -- [^>]+-->/);
    const r = await runCli(['-f', 'json', '--no-config-lookup', '--no-inline-config', 'README.md'], root);
    const [res] = JSON.parse(r.stdout) as Result[];
    assert.ok(res!.messages.some((m) => m.ruleId === 'confusable-hostname'), 'without the directive the row is reported');
  });

  it('the ignore file does not change `promptlint examples/` from the repository root', async () => {
    const r = await runCli(['-f', 'json', 'examples/'], root);
    assert.equal(r.code, 1, r.stderr);
    const results = JSON.parse(r.stdout) as Result[];
    assert.ok(results.reduce((n, x) => n + x.errorCount, 0) >= 10, 'the seeded problems are found');
  });
});
