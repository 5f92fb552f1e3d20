/**
 * The agency rules on the real-world corpus (../shared/corpus/real-world; skipped when absent): MCP configs,
 * Claude Code settings, Dify, Flowise, promptfoo and the other folders give no findings. Every file there is a
 * published, ordinary configuration; none auto-approves tools, bypasses permissions or runs code unsandboxed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTextSync, ruleById } from '@promptlint/core';
import { CORPUS_DIR, corpusFiles } from '../../../../scripts/corpus-report.ts';

const RULES = ['mcp-auto-approve', 'bypassed-permissions', 'unsafe-code-execution', 'unbounded-agent-autonomy'];
const folders = corpusFiles();

describe('agency rules on the real-world corpus', { skip: folders.size === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
  const rules = RULES.map((id) => ({ rule: ruleById(id)!, severity: 2 as const }));
  for (const [folder, files] of folders) {
    it(`${folder}: no findings (${files.length} files)`, () => {
      const found: string[] = [];
      for (const f of files) {
        const text = readFileSync(f.path, 'utf8').replace(/^\uFEFF/, '');
        const r = lintTextSync(text, { filePath: f.path, format: f.format, rules });
        for (const m of r.messages) if (m.ruleId) found.push(`${f.name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
      assert.deepEqual(found, []);
    });
  }
});
