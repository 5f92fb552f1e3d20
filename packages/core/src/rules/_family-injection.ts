import type { Rule } from '../types.ts';

/** Rules of the `injection` category, in catalogue order. Each rule lives in its own file. */
export const INJECTION_RULES: readonly Rule<any>[] = [];
