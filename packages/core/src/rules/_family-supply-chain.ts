import type { Rule } from '../types.ts';
import { orgForbiddenHost } from './org-forbidden-host.ts';

/** Rules of the `supply-chain` category, in catalogue order. Each rule lives in its own file. */
export const SUPPLY_CHAIN_RULES: readonly Rule<any>[] = [orgForbiddenHost];
