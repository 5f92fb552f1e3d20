import type { Rule } from '../types.ts';

/** Rules of the `secrets` category, in catalogue order. Each rule lives in its own file. */
export const SECRETS_RULES: readonly Rule<any>[] = [];
