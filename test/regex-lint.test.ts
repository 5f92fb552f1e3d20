/**
 * Linear-time matching (issue 8): promptlint's own regexes run on attacker-written files, so none may backtrack
 * super-linearly. This lints every regex literal and `new RegExp(…)` with a constant pattern in the project's
 * source (packages/*\/src and scripts) with eslint-plugin-regexp's ReDoS rules, through the dedicated config
 * eslint.config.regexp.js, and requires zero reports.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { glob } from 'tinyglobby';

const root = fileURLToPath(new URL('..', import.meta.url));
const PATTERNS = ['packages/*/src/**/*.ts', 'scripts/**/*.ts'];
const GATING = new Set(['regexp/no-super-linear-backtracking', 'regexp/no-super-linear-move']);

function eslint(): ESLint {
  return new ESLint({ cwd: root, overrideConfigFile: 'eslint.config.regexp.js' });
}

/** The reports that fail the check: the two ReDoS rules, the exponential part of no-dupe-disjunctions,
 * parse errors, and unused `eslint-disable` comments for regexp rules. */
function gating(results: ESLint.LintResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const hit =
        m.fatal === true ||
        (m.ruleId !== null && GATING.has(m.ruleId)) ||
        (m.ruleId === 'regexp/no-dupe-disjunctions' && /exponential backtracking/.test(m.message)) ||
        (m.ruleId === null && m.message.includes("'regexp/"));
      if (hit) out.push(`${relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'eslint'}: ${m.message}`);
    }
  }
  return out;
}

describe('regexes in our own source are linear-time', () => {
  it('the config catches known super-linear patterns', async () => {
    const code = [
      'export const a = /(a+)+b/;', // exponential
      'export const b = /^\\s*x?\\s*$/;', // polynomial: two \\s* around an optional
      "export const c = (s: string) => s.replace(/\\s+$/, '');", // quadratic move
      'export const d = /(?:ab|a)*c/;',
    ].join('\n');
    const [r] = await eslint().lintText(code, { filePath: `${root}packages/core/src/__probe__.ts` });
    const ids = r!.messages.map((m) => `${m.line}:${m.ruleId}`);
    assert.ok(ids.includes('1:regexp/no-super-linear-backtracking'), ids.join(', '));
    assert.ok(ids.includes('2:regexp/no-super-linear-backtracking'), ids.join(', '));
    assert.ok(ids.includes('3:regexp/no-super-linear-move'), ids.join(', '));
    assert.equal(gating([r!]).length >= 3, true);
  });

  it('the linear rewrites pass it', async () => {
    const code = [
      "export const a = (s: string) => s.replace(/(?<!\\s)\\s+$/, '');",
      'export const b = /^[ \\t]*(?:#[ \\t]*)?(system|user)[ \\t]*:/gm;',
      'export const c = /^[ \\t]*(\\w{1,9})[ \\t]*:[ \\t]*(?![ \\t])((?:.*[^ \\t\\n\\r\\u2028\\u2029])?)[ \\t]*$/gm;',
    ].join('\n');
    const [r] = await eslint().lintText(code, { filePath: `${root}packages/core/src/__probe__.ts` });
    assert.deepEqual(gating([r!]), []);
  });

  it('packages/*/src and scripts have no super-linear regex', { timeout: 600_000 }, async () => {
    const results = await eslint().lintFiles(PATTERNS);
    assert.ok(results.length > 50, `only ${results.length} files linted`);
    const problems = gating(results);
    assert.deepEqual(problems, [], `super-linear regexes:\n${problems.join('\n')}`);
  });

  it('every regexp disable comment says why the regex is bounded', async () => {
    const files = await glob(PATTERNS, { cwd: root, ignore: ['**/node_modules/**', '**/dist/**'] });
    const bare: string[] = [];
    for (const f of files) {
      readFileSync(`${root}${f}`, 'utf8').split('\n').forEach((line, i) => {
        if (/eslint-disable(?:-next-line|-line)?\s+regexp\//.test(line) && !/\s--\s+\S/.test(line)) bare.push(`${f}:${i + 1}`);
      });
    }
    assert.deepEqual(bare, []);
  });
});
