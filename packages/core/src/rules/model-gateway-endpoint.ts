import type { Rule } from '../types.ts';
import { classifyHost, endpointUses, riskNote } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/** A model routed through a known third-party LLM gateway (OpenRouter, Portkey, Helicone, …). */
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
      gateway: "Model {{role}} '{{key}}' routes LLM traffic through third-party gateway '{{host}}': it sees every prompt and key. Add it to settings.promptlint.trustedHosts if your organisation uses it.",
    },
  },
  checkDocument(doc, context) {
    for (const use of endpointUses(doc.nodes)) {
      const { url, field } = use.at;
      if (classifyHost(url, context.settings) !== 'gateway' || riskNote(url)) continue;
      context.report({ messageId: 'gateway', data: { role: use.role, key: field.key, host: url.host }, start: use.at.start, end: use.at.end });
    }
  },
};
