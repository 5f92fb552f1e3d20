import type { McpServerNode, Rule, StringField } from '../types.ts';
import { hostInList } from '../util/hosts.ts';
import { riskNote, urlInField, type UrlInField } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A remote MCP server reached over plain HTTP, on a raw IP, or through a tunnel or request catcher; and,
 * when the config sets `settings.promptlint.mcpAllowedHosts`, any remote server on a host not listed.
 */
export const insecureMcpServerUrl: Rule = {
  meta: {
    id: 'insecure-mcp-server-url',
    category: 'exfiltration',
    type: 'problem',
    docs: {
      description: 'Remote MCP servers must use HTTPS on a named host (and an allowed one, when an allowlist is set)',
      preset: 'recommended',
      url: docsUrl('insecure-mcp-server-url'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      risky: "MCP server '{{name}}' is reached through {{note}} ('{{host}}'): its tool descriptions, and the data you send it, can be read or replaced by someone else.",
      notAllowed: "MCP server '{{name}}' connects to '{{host}}', which is not in settings.promptlint.mcpAllowedHosts.",
    },
  },
  checkDocument(doc, context) {
    const allowed = context.settings.mcpAllowedHosts;
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      for (const at of serverUrls(node)) {
        const risk = riskNote(at.url);
        if (risk) {
          context.report({ messageId: 'risky', data: { name: node.name, note: risk.note, host: at.url.host }, start: at.start, end: at.end, securitySeverity: risk.severity });
        } else if (allowed && !at.url.isLoopback && !hostInList(at.url.host, allowed)) {
          context.report({ messageId: 'notAllowed', data: { name: node.name, host: at.url.host }, start: at.start, end: at.end });
        }
      }
    }
  },
};

/** The server's `url` and any URL passed to a bridge in `args` (`mcp-remote https://…`). */
function serverUrls(node: McpServerNode): UrlInField[] {
  const fields: StringField[] = [];
  if (node.url) fields.push(node.url);
  for (const a of node.args) if (/^(?:https?|wss?):\/\//i.test(a.value.trim())) fields.push(a);
  return fields.map(urlInField).filter((u): u is UrlInField => !!u && /^(?:https?|wss?)$/.test(u.url.scheme));
}
