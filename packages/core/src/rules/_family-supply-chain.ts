import type { Rule } from '../types.ts';
import { orgForbiddenHost } from './org-forbidden-host.ts';
import { downloadAndExecute } from './download-and-execute.ts';
import { unpinnedMcpServer } from './unpinned-mcp-server.ts';
import { vulnerableMcpServer } from './vulnerable-mcp-server.ts';
import { unpinnedRemotePrompt } from './unpinned-remote-prompt.ts';
import { lookalikePackage } from './lookalike-package.ts';
import { unsafeModelLoading } from './unsafe-model-loading.ts';
import { mcpServerExposedBind } from './mcp-server-exposed-bind.ts';
import { pinnedContentDrift } from './pinned-content-drift.ts';

/** Rules of the `supply-chain` category, in catalogue order. Each rule lives in its own file. */
export const SUPPLY_CHAIN_RULES: readonly Rule<any>[] = [orgForbiddenHost, downloadAndExecute, unpinnedMcpServer, vulnerableMcpServer, unpinnedRemotePrompt, lookalikePackage, unsafeModelLoading, mcpServerExposedBind, pinnedContentDrift];
