/**
 * Property-based fuzzing of every format adapter (quick run, fixed seed): mutated seed documents of every
 * family, token soup and random UTF-16 under the file names that select each format, parsed with the sniffed
 * format and with every format forced. No adapter throws or takes long; every segment, typed field, node,
 * comment and problem offset stays inside the file; decoded letters map onto themselves. Differential: what
 * the yaml and jsonc-parser libraries accept, the adapters parse without error.
 * The long run is `pnpm fuzz` (scripts/fuzz.ts).
 */
import { describe, it } from 'node:test';
import { allRulesConfig, fuzzProperties } from '../../../../scripts/lib/fuzz-invariants.ts';
import { runProperty } from './_run.ts';

const config = await allRulesConfig();
const props = fuzzProperties(config);
const adapters = props.find((p) => p.id === 'adapters')!;
const differential = props.find((p) => p.id === 'differential')!;

describe('fuzz: format adapters', () => {
  it(adapters.name, async () => {
    await runProperty(adapters, 150);
  });
  it(differential.name, async () => {
    await runProperty(differential, 200);
  });
});
