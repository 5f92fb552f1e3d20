/**
 * Metamorphic fuzzing (quick run, fixed seed): a BOM changes no finding; with CRLF instead of LF, exactly the same
 * findings at the same lines and columns (lone CR is not compared: TOML forbids it).
 */
import { describe, it } from 'node:test';
import { allRulesConfig, fuzzProperties } from '../../../../scripts/lib/fuzz-invariants.ts';
import { runProperty } from './_run.ts';

const config = await allRulesConfig();
const lineEnds = fuzzProperties(config).find((p) => p.id === 'line-ends')!;

describe('fuzz: line ends', () => {
  it(lineEnds.name, async () => {
    await runProperty(lineEnds, 100);
  });
});
