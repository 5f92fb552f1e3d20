/** The JS/TS rules, in catalogue order. */
import { langchainHubIncludeModel } from './langchain-hub-include-model.ts';
import { langchainHubUnpinnedPrompt } from './langchain-hub-unpinned-prompt.ts';
import { llmClientUntrustedEndpoint } from './llm-client-untrusted-endpoint.ts';
import { llmClientGatewayEndpoint } from './llm-client-gateway-endpoint.ts';
import { codeLiteralCredential } from './code-literal-credential.ts';
import { promptInCode } from './prompt-in-code.ts';
import { langchainUnsafeLoad } from './langchain-unsafe-load.ts';
import { systemPromptInterpolation } from './system-prompt-interpolation.ts';

export const CODE_RULES = {
  'langchain-hub-include-model': langchainHubIncludeModel,
  'langchain-hub-unpinned-prompt': langchainHubUnpinnedPrompt,
  'llm-client-untrusted-endpoint': llmClientUntrustedEndpoint,
  'llm-client-gateway-endpoint': llmClientGatewayEndpoint,
  'code-literal-credential': codeLiteralCredential,
  'prompt-in-code': promptInCode,
  'langchain-unsafe-load': langchainUnsafeLoad,
  'system-prompt-interpolation': systemPromptInterpolation,
} as const;
