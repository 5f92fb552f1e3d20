/**
 * CI integration files: action.yml (composite GitHub Action) and .pre-commit-hooks.yaml. Validates their shape,
 * checks that the flags they pass exist in the CLI, that the pre-commit `files` regex covers every pattern of the
 * discovery table and leaves other files out, and runs what they run: the Action's own bash step (with `npx`
 * replaced by the workspace CLI) and the CLI in-process against examples/.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISCOVERY_TABLE, discover, HELP, OUTPUT_FORMATS } from 'promptlint';
import { runCli } from './helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// `yaml` is a dependency of the core package (the root has no copy of its own).
const YAML = createRequire(join(root, 'packages', 'core', 'package.json'))('yaml') as { parse(text: string): unknown };
const work = mkdtempSync(join(tmpdir(), 'promptlint-ci-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

const actionText = readFileSync(join(root, 'action.yml'), 'utf8');
const action = YAML.parse(actionText) as Action;
const lintStep = action.runs.steps.find((s) => s.id === 'lint')!;

/** The flags the Action's script passes to promptlint. */
function scriptFlags(script: string): string[] {
  const flags = new Set<string>();
  for (const array of script.matchAll(/\bcmd\+?=\(([^)]*)\)/g)) {
    for (const m of array[1]!.matchAll(/(?<![\w-])(--?[a-z][\w-]*)/g)) if (m[1] !== '--yes') flags.add(m[1]!);
  }
  return [...flags].sort();
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const input of ['paths', 'config', 'args', 'fail-on']) assert.ok(action.inputs[input]?.description, `input ${input}`);
    assert.equal(action.inputs['fail-on']!.default, 'error');
    for (const s of action.runs.steps) if (s.run) assert.equal(s.shell, 'bash', `${s.name}: composite run steps need a shell`);
  });

  it('pins every action it uses to a commit SHA with a version comment, and uploads SARIF with codeql-action', () => {
    const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses!);
    assert.ok(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif@')));
    assert.ok(uses.some((u) => u.startsWith('actions/setup-node@')));
    for (const u of uses) {
      assert.match(u, /@[0-9a-f]{40}$/, `${u} is pinned to a full commit SHA`);
      assert.match(actionText, new RegExp(`${u.replace(/[/.]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+`), `${u} has a version comment`);
    }
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with?.sarif_file, 'promptlint.sarif');
    assert.match(upload.if ?? '', /always\(\)/, 'uploads even when promptlint fails the run');
  });

  it('runs promptlint with flags that exist, passing inputs through the environment only', () => {
    const script = lintStep.run!;
    assert.match(script, /-f sarif -o promptlint\.sarif/);
    assert.ok(OUTPUT_FORMATS.includes('sarif'));
    const flags = scriptFlags(script);
    assert.deepEqual(flags, ['--max-warnings', '-c', '-f', '-o']);
    for (const f of flags) assert.match(HELP, new RegExp(`(^|[ ,])${f}[ ,]`, 'm'), `${f} is a CLI option`);
    assert.ok(!script.includes('${{'), 'no ${{ }} expression in the script text (script injection)');
    for (const input of ['paths', 'config', 'args', 'fail-on', 'version']) assert.ok(Object.values(lintStep.env ?? {}).includes(`\${{ inputs.${input} }}`), `${input} reaches the script by env`);
  });

  it("runs its own script: SARIF written, exit code reported, fail-on honoured (npx replaced by the workspace CLI)", () => {
    const bin = join(work, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
    const cli = join(root, 'packages', 'cli', 'src', 'bin.ts');
    // `npx --yes promptlint@<version> ...` becomes the CLI from this checkout. The step runs in a temp dir (the
    // SARIF file lands there), on absolute paths into examples/.
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = --yes ] && shift\ncase "$1" in promptlint@*) shift ;; *) echo "unexpected npx $1" >&2; exit 9 ;; esac\nexec node --conditions=source --import "${tsx}" "${cli}" "$@"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    const runStep = (env: Record<string, string>) => {
      const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
      writeFileSync(out, '');
      const r = spawnSync('bash', ['-e', '-c', lintStep.run!], {
        cwd: work,
        env: { PATH: `${bin}:${process.env.PATH}`, HOME: work, GITHUB_OUTPUT: out, PROMPTLINT_VERSION: '0.1.0', PROMPTLINT_CONFIG: '', PROMPTLINT_ARGS: '', PROMPTLINT_FAIL_ON: 'error', ...env },
        encoding: 'utf8',
      });
      return { status: r.status, stderr: r.stderr, output: readFileSync(out, 'utf8') };
    };
    const sarifPath = join(work, 'promptlint.sarif');
    const ex = (p: string) => join(root, 'examples', p);
    try {
      const demo = runStep({ PROMPTLINT_PATHS: `${ex('prompts')} ${ex('hub')}` });
      assert.equal(demo.status, 0, demo.stderr);
      assert.match(demo.output, /^exit-code=1$/m, 'the DEMO files have errors');
      assert.match(demo.output, /^sarif-file=promptlint\.sarif$/m);
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.ok(sarif.runs[0]!.results.length > 0);
      const clean = runStep({ PROMPTLINT_PATHS: ex('CLAUDE.md'), PROMPTLINT_ARGS: '--no-config-lookup' });
      assert.match(clean.output, /^exit-code=0$/m, clean.stderr);
      const strict = runStep({ PROMPTLINT_PATHS: ex('promptfooconfig.yaml'), PROMPTLINT_FAIL_ON: 'warning', PROMPTLINT_ARGS: '--no-config-lookup' });
      assert.match(strict.output, /^exit-code=1$/m, 'a warning fails with fail-on: warning');
      const bad = runStep({ PROMPTLINT_PATHS: '.', PROMPTLINT_FAIL_ON: 'sometimes' });
      assert.equal(bad.status, 2);
      const missing = runStep({ PROMPTLINT_PATHS: '.', PROMPTLINT_CONFIG: 'no-such-config.json' });
      assert.equal(missing.status, 2, 'a config error fails the step itself');
    } finally {
      rmSync(sarifPath, { force: true });
    }
  });

  it('the untrusted-pull-request command from docs/ci.md runs: --no-config-lookup with a JSON config', async () => {
    const config = join(work, 'promptlint.json');
    writeFileSync(config, JSON.stringify([{ extends: ['promptlint:recommended'], rules: { 'model-gateway-endpoint': 'off' } }]));
    const out = join(work, 'untrusted.sarif');
    const run = await runCli(['--no-config-lookup', '-c', config, '-f', 'sarif', '-o', out, 'examples'], root);
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    const ids = new Set(sarif.runs[0]!.results.map((r) => r.ruleId));
    assert.ok(ids.has('markdown-exfil-beacon'));
    assert.ok(!ids.has('model-gateway-endpoint'), 'the JSON config applies');
  });
});

describe('docs/ci.md', () => {
  const doc = readFileSync(join(root, 'docs', 'ci.md'), 'utf8');
  it('uses pull_request, never pull_request_target, and explains that a JS config is code', () => {
    const workflows = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.ok(workflows.some((w) => /^on:\n\s+pull_request:/m.test(w)), 'a pull_request workflow');
    for (const w of workflows) assert.ok(!w.includes('pull_request_target'), 'no pull_request_target in a snippet');
    assert.match(doc, /promptlint\.config\.js` is code/);
    assert.match(doc, /--no-config-lookup -c promptlint\.json/);
    for (const w of workflows) YAML.parse(w);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = YAML.parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; entry: string; files: string; name: string }[];
  const hook = hooks.find((h) => h.id === 'promptlint')!;
  // pre-commit compiles `files` with Python's re in verbose mode; this one uses only syntax JS reads the same.
  const files = new RegExp(hook.files.replace(/^\(\?x\)/, '').replace(/\s+/g, ''));

  it('declares the promptlint hook', () => {
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'promptlint');
    assert.ok(hook.name);
    assert.match(hook.files, /^\(\?x\)/);
  });

  it('matches a sample path for every pattern of the discovery table', () => {
    let checked = 0;
    for (const entry of DISCOVERY_TABLE) {
      for (const pattern of entry.patterns) {
        for (const prefix of ['', 'packages/app/']) {
          const sample = prefix + pattern.replace(/^\*\*\//, '').replace(/\/\*\*\//g, '/deep/').replace(/\*/g, 'x');
          assert.ok(discover(sample), `sample ${sample} is in the discovery table`);
          assert.ok(files.test(sample), `${entry.what}: ${sample} (from ${pattern}) is matched by the pre-commit files regex`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100);
  });

  it('leaves package manifests, lockfiles, code, CI workflows and ordinary docs out', () => {
    for (const p of ['package.json', 'packages/core/package.json', 'pnpm-lock.yaml', 'tsconfig.json', 'README.md', 'docs/guide.md', 'src/index.ts', '.github/workflows/ci.yml', '.vscode/extensions.json', 'config/settings.yaml', 'eslint.config.js', 'promptlint.config.js']) {
      assert.ok(!files.test(p), `${p} is not passed to promptlint`);
      assert.equal(discover(p), undefined, `${p} is not in the discovery table either`);
    }
  });
});
