import type { Rule } from '../types.ts';
import { classifyHost, endpointUses, riskNote } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A model routed through a known third-party LLM gateway (OpenRouter, Portkey, Helicone, …): not an attack by
 * itself, but the gateway sees every prompt and key, so it should be a deliberate, reviewed choice. A gateway URL
 * that is also risky (plain HTTP, look-alike) is left to untrusted-model-endpoint, which reports it as an error.
 */
export const modelGatewayEndpoint: Rule = {
  meta: {
    id: 'model-gateway-endpoint',
    category: 'exfiltration',
    type: 'suggestion',
    docs: {
      description: 'Model traffic routed through a known third-party LLM gateway should be a deliberate choice',
      preset: 'recommended',
      url: docsUrl('model-gateway-endpoint'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'medium',
    messages: {
      gateway: "Model {{role}} '{{key}}' routes LLM traffic through third-party gateway '{{host}}': it sees every prompt and key. Add the host to settings.promptlint.trustedHosts if your organisation has approved it.",
    },
  },
  checkDocument(doc, context) {
    for (const use of endpointUses(doc.nodes)) {
      const { url, field } = use.at;
      const isProxy = use.role === 'proxy' || use.role === 'server-proxy';
      if (classifyHost(url, context.settings) !== 'gateway' || riskNote(url, { plain: !isProxy })) continue;
      context.report({ messageId: 'gateway', data: { role: isProxy ? 'proxy' : use.role, key: field.key, host: url.host }, start: use.at.start, end: use.at.end });
    }
  },
};
