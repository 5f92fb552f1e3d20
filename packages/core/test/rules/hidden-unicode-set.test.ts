import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '@promptlint/core';
import { UNICODE_ATTACKS, UNICODE_BENIGN } from '../../../../scripts/lib/unicode-cases.ts';

// The generated hidden-Unicode set, through the default configuration (promptlint:recommended) on a Markdown prompt.
describe('hidden-unicode case set (default config)', () => {
  it('has at least 20 attacks and 20 benign cases with unique names', () => {
    assert.ok(UNICODE_ATTACKS.length >= 20);
    assert.ok(UNICODE_BENIGN.length >= 20);
    const names = [...UNICODE_ATTACKS, ...UNICODE_BENIGN].map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
  });

  for (const c of UNICODE_ATTACKS) {
    it(`reports attack: ${c.name}`, async () => {
      const r = await lintText(c.text, { filePath: 'prompts/support.md' });
      const hits = r.messages.filter((m) => m.ruleId === 'hidden-unicode');
      assert.ok(hits.length >= 1, 'no hidden-unicode finding');
      assert.ok(hits.every((m) => m.severity === 2), 'not an error');
    });
  }

  for (const c of UNICODE_BENIGN) {
    it(`leaves benign text alone: ${c.name}`, async () => {
      const r = await lintText(c.text, { filePath: 'prompts/support.md' });
      assert.deepEqual(r.messages.filter((m) => m.ruleId === 'hidden-unicode'), []);
    });
  }
});
