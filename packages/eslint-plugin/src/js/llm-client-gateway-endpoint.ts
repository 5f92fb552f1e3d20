/**
 * An LLM client built in code that routes through a known third-party gateway (OpenRouter, Helicone, Portkey, …):
 * legitimate, but the gateway sees every prompt and key. Runs the core rule `model-gateway-endpoint`.
 */
import { createRule, withLanguages } from './_create.ts';
import { endpointMessages, endpointVisitors } from './_endpoint-rule.ts';

export const llmClientGatewayEndpoint = withLanguages(
  createRule<[], string>({
    name: 'llm-client-gateway-endpoint',
    meta: {
      type: 'suggestion',
      docs: {
        description: 'LLM clients built in code that route through a third-party gateway are flagged for review',
        category: 'exfiltration',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'medium',
        defaultSeverity: 'warn',
      },
      messages: endpointMessages('model-gateway-endpoint'),
      schema: [],
    },
    defaultOptions: [],
    create: (context) => endpointVisitors('model-gateway-endpoint', context),
  }),
);
