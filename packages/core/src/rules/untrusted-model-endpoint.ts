import type { Rule } from '../types.ts';
import { classifyHost, endpointUses, riskNote } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A model's base URL, endpoint, proxy or routing header points at a host that is not a trusted provider:
 * every prompt, upload and the user's API key go through it (the AgentSmith case).
 */
export const untrustedModelEndpoint: Rule = {
  meta: {
    id: 'untrusted-model-endpoint',
    category: 'exfiltration',
    type: 'problem',
    docs: {
      description: 'Model base URLs, endpoints, proxies and routing headers must point at a trusted provider host',
      preset: 'recommended',
      url: docsUrl('untrusted-model-endpoint'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      untrusted: "Model {{role}} '{{key}}' sends LLM traffic and API keys to untrusted host '{{host}}'{{note}}. Add it to settings.promptlint.trustedHosts only if you operate it.",
      plainHttp: "Model {{role}} '{{key}}' uses {{note}} for host '{{host}}': prompts and API keys can be read or redirected on the way.",
    },
  },
  checkDocument(doc, context) {
    for (const use of endpointUses(doc.nodes)) {
      const { url, field } = use.at;
      const cls = classifyHost(url, context.settings);
      const risk = riskNote(url);
      const withKey = use.model.credentials.length > 0;
      if (cls === 'trusted') {
        if (risk && !url.isLoopback) {
          context.report({ messageId: 'plainHttp', data: { role: use.role, key: field.key, host: url.host, note: risk.note }, start: use.at.start, end: use.at.end, securitySeverity: 'critical' });
        }
        continue;
      }
      if (cls === 'gateway' && !risk) continue; // model-gateway-endpoint reports it
      context.report({
        messageId: 'untrusted',
        data: {
          role: use.role,
          key: field.key,
          host: url.host,
          note: `${risk ? ` (${risk.note})` : ''}${withKey ? ', next to a literal API key' : ''}`,
        },
        start: use.at.start,
        end: use.at.end,
        securitySeverity: risk || withKey ? 'critical' : 'high',
      });
    }
  },
};
