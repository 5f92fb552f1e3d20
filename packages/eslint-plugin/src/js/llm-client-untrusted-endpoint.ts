/**
 * An LLM client built in code whose base URL, endpoint or routing header points at a host that is not a trusted
 * provider: every prompt and the API key go through it. Runs the core rule `untrusted-model-endpoint` on the
 * client's options, with the same `settings.promptlint.trustedHosts` as the CLI.
 */
import { createRule, withLanguages } from './_create.ts';
import { endpointMessages, endpointVisitors } from './_endpoint-rule.ts';

export const llmClientUntrustedEndpoint = withLanguages(
  createRule<[], string>({
    name: 'llm-client-untrusted-endpoint',
    meta: {
      type: 'problem',
      docs: {
        description: 'LLM clients built in code must send prompts and keys only to trusted provider hosts',
        category: 'exfiltration',
        preset: 'recommended',
        recommended: true,
        securitySeverity: 'high',
        defaultSeverity: 'error',
      },
      messages: endpointMessages('untrusted-model-endpoint'),
      schema: [],
    },
    defaultOptions: [],
    create: (context) => endpointVisitors('untrusted-model-endpoint', context),
  }),
);
