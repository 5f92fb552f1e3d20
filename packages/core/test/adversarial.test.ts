/**
 * Linear-time matching (issue 8), reduced version of `pnpm bench:adversarial`: every rule, alone, on 128 KB hostile
 * inputs generated from its own regexes plus generic hostile inputs, in Markdown and in a JSON MCP config.
 * Each rule must stay under an absolute bound on every input, and where it is more than 5x slower than on ordinary
 * text of the same size its time must grow linearly with the input (measured between 32 KB and 128 KB), so the
 * excess is a constant cost per hostile character, not backtracking.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule, TextSegment, RuleContext } from '@promptlint/core';
import { RULES, segmentRange } from '@promptlint/core';
import { derivedInputs, FORMAT_CASES, genericInputs, growth, patternsInFile, ruleFiles, runBench, type BenchRow } from '../../../scripts/lib/adversarial.ts';

const SIZE = 128 * 1024;
const ABSOLUTE_MS = 2000;
const RATIO = 5;
/** Above this growth exponent (1 = linear, 2 = quadratic) a rule's time is super-linear. */
const MAX_EXPONENT = 1.6;

describe('adversarial input generation', () => {
  it('reads regex literals, RegExp constants and joined String.raw pieces', () => {
    const files = ruleFiles('exfil-instruction');
    assert.ok(files.some((f) => f.endsWith('/exfil-instruction.ts')));
    assert.ok(files.some((f) => f.includes('/_')), 'follows the `_` helpers it imports');
    const patterns = files.flatMap((f) => patternsInFile(f));
    assert.ok(patterns.length > 20, `${patterns.length} patterns`);
    assert.ok(patterns.some((p) => p.source.includes('conversation')), 'pieces of new RegExp([...].join("|"))');
  });

  it('builds long runs of what each quantifier repeats, near-matches and prefixes, of the requested size', () => {
    const inputs = derivedInputs('markdown-exfil-beacon', 10_000, 4);
    assert.ok(inputs.length >= 5, inputs.map((i) => i.name).join(', '));
    assert.ok(inputs.some((i) => i.name.startsWith('run ')));
    assert.ok(inputs.some((i) => i.name.startsWith('near-matches')));
    for (const i of inputs) assert.ok(i.text.length > 9_000 && i.text.length <= 10_100, `${i.name}: ${i.text.length}`);
    // A run repeats one short unit: the text compresses to almost nothing.
    const run = inputs.find((i) => i.name.startsWith('run '))!.text;
    assert.ok(new Set(run.slice(100, 5000)).size <= 8);
  });

  it('is deterministic', () => {
    assert.deepEqual(derivedInputs('exfil-instruction', 4096, 3), derivedInputs('exfil-instruction', 4096, 3));
    assert.deepEqual(genericInputs(1000).map((g) => g.text.length), genericInputs(1000).map((g) => g.text.length));
  });

  it('every format case wraps a payload into a file its adapter parses without error', async () => {
    const { parseDocument } = await import('@promptlint/core');
    for (const c of FORMAT_CASES) {
      for (const g of genericInputs(2000)) {
        const doc = parseDocument({ path: c.filePath, text: c.wrap(g.text) }, c.format);
        assert.equal(doc.parseError, undefined, `${c.format} / ${g.name}: ${doc.parseError?.message}`);
      }
    }
  });
});

describe('the growth measure tells linear from quadratic', () => {
  const toy = (id: string, scan: (s: string) => number): Rule => ({
    meta: {
      id,
      category: 'injection',
      type: 'problem',
      docs: { description: 'toy', preset: 'all', url: '' },
      defaultSeverity: 'warn',
      securitySeverity: 'low',
      messages: { m: 'toy' },
    },
    checkSegment(segment: TextSegment, context: RuleContext) {
      if (scan(segment.value) < 0) context.report({ messageId: 'm', ...segmentRange(segment, 0, 1) });
    },
  }) as unknown as Rule;
  const md = FORMAT_CASES.find((c) => c.format === 'markdown')!;

  it('a quadratic trailing-space strip grows like n^2', () => {
    const quadratic = toy('toy-quadratic', (s) => s.replace(/\s+$/, '').length);
    const e = growth(md, quadratic, 'spaces', 16 * 1024, 1)!;
    assert.ok(e > MAX_EXPONENT, `exponent ${e.toFixed(2)}`);
  });

  it('its linear rewrite grows like n', () => {
    const linear = toy('toy-linear', (s) => s.replace(/(?<!\s)\s+$/, '').length);
    const e = growth(md, linear, 'spaces', 256 * 1024, 1)!;
    assert.ok(e < MAX_EXPONENT, `exponent ${e.toFixed(2)}`);
  });
});

describe(`every rule stays linear on ${SIZE / 1024} KB adversarial inputs`, () => {
  let rows: BenchRow[] = [];
  before(() => {
    rows = runBench({ size: SIZE, maxDerived: 3, rules: RULES, formats: ['markdown', 'json'], confirmRatio: 3, floorMs: 2, scaleAbove: RATIO }).rows;
  });

  for (const rule of RULES) {
    it(rule.meta.id, () => {
      const mine = rows.filter((r) => r.rule === rule.meta.id);
      assert.equal(mine.length, 2, 'measured in Markdown and JSON');
      for (const r of mine) {
        const where = `${r.format}, "${r.worstInput}": ${r.worstMs.toFixed(1)} ms vs ${r.ordinaryMs.toFixed(1)} ms ordinary`;
        assert.ok(r.worstMs < ABSOLUTE_MS, `over ${ABSOLUTE_MS} ms (${where})`);
        if (r.ratio > RATIO) assert.ok(r.exponent !== undefined && r.exponent < MAX_EXPONENT, `${r.ratio.toFixed(1)}x and super-linear, n^${r.exponent?.toFixed(2)} (${where})`);
      }
    });
  }
});
