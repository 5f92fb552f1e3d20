import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyBaseline, BaselineError, createBaseline, findingFingerprint, lintText, readBaseline, RULES, writeBaseline } from '@promptlint/core';
import { fake } from './rules/_secret-fakes.ts';

const rules = RULES.filter((r) => r.meta.category === 'secrets').map((rule) => ({ rule, severity: 2 as const }));

describe('baseline API', () => {
  it('fingerprints content with the salt, not the line', async () => {
    const key = fake.groq();
    const a = await lintText(`# A\n\nkey ${key}\n`, { filePath: '/repo/AGENTS.md', rules });
    const b = await lintText(`# A\n\nmore\n\nkey ${key}\n`, { filePath: '/repo/AGENTS.md', rules });
    const base = createBaseline([{ result: a, text: `# A\n\nkey ${key}\n` }], '/repo', 'salt-1');
    assert.deepEqual(base.entries.map((e) => [e.rule, e.file, e.line]), [['provider-api-key', 'AGENTS.md', 3]]);
    assert.ok(!JSON.stringify(base).includes(key));
    const [filtered] = applyBaseline([{ result: b, text: `# A\n\nmore\n\nkey ${key}\n` }], base, '/repo');
    assert.equal(filtered!.messages.length, 0);
    assert.equal(filtered!.errorCount, 0);
    assert.notEqual(findingFingerprint('r', key, 'salt-1'), findingFingerprint('r', key, 'salt-2'));
  });

  it('matches as a multiset and keeps parse errors', async () => {
    const key = fake.xai();
    const text = `k1: ${key}\nk2: ${key}\nbroken: [\n`;
    const result = await lintText(text, { filePath: '/repo/a.yaml', rules });
    const one = createBaseline([{ result: { ...result, messages: result.messages.slice(0, 1) }, text }], '/repo', 's');
    const [r] = applyBaseline([{ result, text }], one, '/repo');
    assert.ok(r!.messages.some((m) => m.fatal), 'parse errors are never baselined');
    assert.equal(r!.messages.filter((m) => m.ruleId === 'provider-api-key').length, result.messages.filter((m) => m.ruleId === 'provider-api-key').length - 1);
  });

  it('reads and writes baseline files, refusing missing and malformed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptlint-baseline-'));
    try {
      assert.throws(() => readBaseline(join(dir, 'none.json')), BaselineError);
      writeFileSync(join(dir, 'bad.json'), '{"version":1,"salt":"s","entries":[{"rule":1}]}');
      assert.throws(() => readBaseline(join(dir, 'bad.json')), BaselineError);
      writeBaseline(join(dir, 'sub/b.json'), { version: 1, salt: 's', entries: [{ rule: 'r', file: 'f', fingerprint: 'x', line: 1 }] });
      assert.equal(readBaseline(join(dir, 'sub/b.json')).entries.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
