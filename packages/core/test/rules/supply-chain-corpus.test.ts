/**
 * The look-alike and risky-model-source rules on the real-world corpus (../shared/corpus/real-world; skipped when
 * absent): every file there, read as its folder's format under its original path, gives no finding. These are
 * published configs, agents and prompts: none launches a look-alike package, loads remote code or pickles, or
 * binds an MCP server to every interface. Issue 9 asks for zero false positives here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTextSync, ruleById } from '@promptlint/core';
import { CORPUS_DIR, corpusFiles } from '../../../../scripts/corpus-report.ts';

const RULES = ['lookalike-package', 'unsafe-model-loading', 'mcp-server-exposed-bind'];
const folders = corpusFiles();

describe('look-alike and risky model source rules on the real-world corpus', { skip: folders.size === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
  const rules = RULES.map((id) => {
    const rule = ruleById(id);
    assert.ok(rule, `unknown rule ${id}`);
    return { rule, severity: 2 as const };
  });
  let total = 0;
  for (const [folder, files] of folders) {
    it(`${folder}: no findings (${files.length} files)`, () => {
      const found: string[] = [];
      for (const f of files) {
        const text = readFileSync(f.path, 'utf8').replace(/^\uFEFF/, '');
        // The original relative path (`owner__repo__path` names), so discovery reads the file as it was published.
        const parts = f.name.split('__');
        const filePath = parts.length > 2 ? parts.slice(2).join('/') : f.name;
        const r = lintTextSync(text, { filePath, format: f.format, rules });
        for (const m of r.messages) if (m.ruleId) found.push(`${f.name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
        total++;
      }
      assert.deepEqual(found, []);
    });
  }
  it('read every file of the corpus', () => {
    assert.equal(total, [...folders.values()].reduce((n, fs) => n + fs.length, 0));
    assert.ok(total > 0);
  });
});
