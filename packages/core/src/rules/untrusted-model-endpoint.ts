import type { Rule } from '../types.ts';
import { classifyHost, endpointUses, literalCredentials, riskNote } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A model's base URL, endpoint, proxy or routing header points at a host that is not a trusted provider:
 * every prompt, upload and the user's API key go through it (the AgentSmith case).
 *
 * An MCP server's `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` counts too (`serverProxy`): the server's outbound
 * calls, model APIs among them, go through it. Local hosts (loopback, `host.docker.internal`, single-label names)
 * are never reported; known gateways are left to model-gateway-endpoint unless the URL is also risky.
 *
 * securitySeverity: `critical` when the URL is a look-alike (userinfo trick, punycode), a tunnel, a raw public IP,
 * unencrypted, or sits next to a literal credential; `high` for any other untrusted host. A trusted provider host
 * reached over plain `http://` is `critical` too (`plainHttp`).
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
      untrusted: "Model {{role}} '{{key}}' sends prompts and API keys to untrusted host '{{host}}'{{note}}. Add the host to settings.promptlint.trustedHosts only if you operate it.",
      untrustedProxy: "Model proxy '{{key}}' routes LLM traffic through untrusted host '{{host}}'{{note}}. Add the host to settings.promptlint.trustedHosts only if you operate it.",
      serverProxy: "MCP server '{{name}}' sets {{key}} to untrusted proxy host '{{host}}'{{note}}: its outbound traffic, model API calls and their keys included, goes through it. Add the host to settings.promptlint.trustedHosts only if you operate it.",
      plainHttp: "Model {{role}} '{{key}}' reaches '{{host}}' over unencrypted {{scheme}}://: prompts and API keys can be read or changed on the way. Use https://.",
    },
  },
  checkDocument(doc, context) {
    for (const use of endpointUses(doc.nodes)) {
      const { url, field } = use.at;
      const cls = classifyHost(url, context.settings);
      if (cls === 'local') continue;
      const isProxy = use.role === 'proxy' || use.role === 'server-proxy';
      const risk = riskNote(url, { plain: !isProxy });
      if (cls === 'trusted') {
        // A trusted name is still unsafe over plain HTTP (a proxy URL's scheme is the hop to the proxy, not to the host).
        if (!isProxy && (url.scheme === 'http' || url.scheme === 'ws')) {
          context.report({ messageId: 'plainHttp', data: { role: use.role, key: field.key, host: url.host, scheme: url.scheme }, start: use.at.start, end: use.at.end, securitySeverity: 'critical' });
        }
        continue;
      }
      if (cls === 'gateway' && !risk) continue; // model-gateway-endpoint reports it
      const withKey = literalCredentials(use.model).length > 0 || url.hasPassword;
      const notes: string[] = [];
      if (risk) notes.push(risk.note);
      if (use.at.fromDefault) notes.push('the default of an environment reference, used when the variable is unset');
      if (withKey) notes.push(url.hasPassword ? 'with a password in the URL' : 'next to a literal API key');
      context.report({
        messageId: use.role === 'server-proxy' ? 'serverProxy' : isProxy ? 'untrustedProxy' : 'untrusted',
        data: { role: use.role, key: field.key, host: url.host, name: use.server?.name ?? '', note: notes.length ? ` (${notes.join('; ')})` : '' },
        start: use.at.start,
        end: use.at.end,
        securitySeverity: risk?.severity === 'critical' || withKey ? 'critical' : 'high',
      });
    }
  },
};
