/**
 * Runs one fuzz property inside node:test with a fixed seed: deterministic, and on failure an assertion that
 * names the seed and the shrunk counterexample (written to a temp file, not printed, when it holds planted secrets).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sanitize } from '@promptlint/core';
import type { FuzzProperty } from '../../../../scripts/lib/fuzz-invariants.ts';

/** The suite's seed: change it only together with any counterexample recorded against it. */
export const SUITE_SEED = 20261126;

export async function runProperty(p: Pick<FuzzProperty, 'name' | 'property' | 'secret'> | { name: string; property: fc.IAsyncProperty<any>; secret?: boolean }, numRuns: number, seed = SUITE_SEED): Promise<void> {
  const details = await fc.check(p.property as fc.IRawProperty<unknown>, { seed, numRuns });
  if (!details.failed) return;
  const error = sanitize(String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)).slice(0, 600);
  let example: string;
  const json = JSON.stringify(details.counterexample, null, 2);
  if (p.secret) {
    const file = join(mkdtempSync(join(tmpdir(), 'promptlint-fuzz-')), 'counterexample.json');
    writeFileSync(file, json);
    example = `written to ${file}`;
  } else example = json.slice(0, 3000);
  assert.fail(`${p.name}\n${error}\nseed ${seed}, path ${details.counterexamplePath}, after ${details.numRuns} runs\ncounterexample: ${example}`);
}
