/**
 * Property-based fuzzing of the whole lint pipeline with every rule on (`promptlint:all` plus the org
 * settings), quick run with a fixed seed: format sniffed from the name, format forced, and the async API.
 * No rule crashes (an internal-error message counts as a crash), no file takes long, every line/column
 * and end position is inside the file, every fix range is in range.
 */
import { describe, it } from 'node:test';
import { allRulesConfig, asyncLintProperty, fuzzProperties } from '../../../../scripts/lib/fuzz-invariants.ts';
import { runProperty } from './_run.ts';

const config = await allRulesConfig();
const props = fuzzProperties(config);
const sniffed = props.find((p) => p.id === 'lint-sniffed');
const forced = props.find((p) => p.id === 'lint-forced');

describe('fuzz: lint pipeline', () => {
  it(sniffed!.name, async () => {
    await runProperty(sniffed!, 150);
  });
  it(forced!.name, async () => {
    await runProperty(forced!, 150);
  });
  it('lintText (async API) keeps the same invariants', async () => {
    await runProperty(asyncLintProperty(config), 40);
  });
});
