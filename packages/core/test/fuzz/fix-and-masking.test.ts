/**
 * Property-based fuzzing (quick run, fixed seed) of `--fix` and of masking: provider-shaped credentials
 * (valid GitHub checksums, OpenAI markers, Anthropic suffixes, AWS ids, JWTs, a real PEM key, ...) planted into
 * fuzzed documents never appear whole in a message, a suggestion, a fix or the JSON of the result.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allRulesConfig, fuzzProperties } from '../../../../scripts/lib/fuzz-invariants.ts';
import { runProperty } from './_run.ts';

const config = await allRulesConfig();
const props = fuzzProperties(config);
const fixing = props.find((p) => p.id === 'lint-fix')!;
const masking = props.find((p) => p.id === 'masking')!;

describe('fuzz: fix and masking', () => {
  it(fixing.name, async () => {
    await runProperty(fixing, 80);
  });
  it(masking.name, async () => {
    await runProperty(masking, 200);
    // The planted secrets are real-shaped: most runs must produce a secrets finding, or the property tests nothing.
    assert.ok(masking.stats.secretHits >= masking.stats.secretRuns * 0.6, `secrets found in only ${masking.stats.secretHits} of ${masking.stats.secretRuns} runs`);
  });
});
