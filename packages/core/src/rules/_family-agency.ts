import type { Rule } from '../types.ts';
import { mcpAutoApprove } from './mcp-auto-approve.ts';
import { bypassedPermissions } from './bypassed-permissions.ts';
import { unsafeCodeExecution } from './unsafe-code-execution.ts';
import { unboundedAgentAutonomy } from './unbounded-agent-autonomy.ts';

/** Rules of the `agency` category, in catalogue order. Each rule lives in its own file. */
export const AGENCY_RULES: readonly Rule<any>[] = [mcpAutoApprove, bypassedPermissions, unsafeCodeExecution, unboundedAgentAutonomy];
