import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

// ESLint's RuleTester under node:test.
(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).describe = describe;
(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).it = it;
(RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown }).itOnly = it.only;

/** A RuleTester with typescript-eslint's parser (files are `.ts`). */
export function tsTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({ languageOptions: { parser: tseslint.parser as never }, ...(settings ? { settings } : {}) });
}

/** A RuleTester with ESLint's own parser (JavaScript). */
export function jsTester(): RuleTester {
  return new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
}

export { RuleTester };
