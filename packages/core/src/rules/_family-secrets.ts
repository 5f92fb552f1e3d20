import type { Rule } from '../types.ts';
import { providerApiKey } from './provider-api-key.ts';
import { privateKey } from './private-key.ts';
import { credentialInUrl } from './credential-in-url.ts';
import { hardcodedCredential } from './hardcoded-credential.ts';
import { langchainLiteralSecret } from './langchain-literal-secret.ts';
import { mcpLiteralCredential } from './mcp-literal-credential.ts';
import { orgInternalToken } from './org-internal-token.ts';

/** Rules of the `secrets` category, in catalogue order. Each rule lives in its own file. */
export const SECRETS_RULES: readonly Rule<any>[] = [
  providerApiKey,
  privateKey,
  credentialInUrl,
  hardcodedCredential,
  langchainLiteralSecret,
  mcpLiteralCredential,
  orgInternalToken,
];
