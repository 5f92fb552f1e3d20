import type { McpServerNode, Rule, StringField } from '../types.ts';
import { hostInList } from '../util/hosts.ts';
import { riskNote, subField, urlInField, type UrlInField } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A remote MCP server reached over plain HTTP, on a raw IP, through a tunnel or request catcher, or behind a
 * look-alike URL; and, when the config sets `settings.promptlint.mcpAllowedHosts`, any remote server on a host not
 * listed. Local servers (loopback, `host.docker.internal`, single-label container names) are never reported.
 *
 * securitySeverity: `critical` for look-alike URLs, tunnels and catchers, raw public IPs, punycode hosts and
 * unencrypted transports; `high` for a private IP over TLS and for a host missing from the allowlist.
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
      risky: "MCP server '{{name}}' at '{{host}}' is reached through {{note}}: someone else can read or replace its tool descriptions and the data you send it.",
      notAllowed: "MCP server '{{name}}' connects to '{{host}}', which is not in settings.promptlint.mcpAllowedHosts.",
    },
  },
  checkDocument(doc, context) {
    const allowed = context.settings.mcpAllowedHosts;
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      for (const at of serverUrls(node)) {
        if (at.url.isLocal) continue;
        const risk = riskNote(at.url);
        if (risk) {
          context.report({ messageId: 'risky', data: { name: node.name, note: risk.note, host: at.url.host }, start: at.start, end: at.end, securitySeverity: risk.severity });
        } else if (allowed && !hostInList(at.url.host, allowed)) {
          context.report({ messageId: 'notAllowed', data: { name: node.name, host: at.url.host }, start: at.start, end: at.end });
        }
      }
    }
  },
};

/** stdio bridges that connect to a remote server given on their command line. */
const BRIDGE = /(?:^|[/\\@\s])(?:mcp-remote|mcp-proxy|supergateway|mcp-remote-client|mcp-streamablehttp-client|mcp-http-client)(?:@[\w.^~<>=*-]{1,40})?(?:\.exe)?$/i;
/** Flags whose value is the remote server (`--sse URL`, `--url=URL`). */
const URL_FLAG = /^--?(?:url|sse|server|server-url|serverurl|endpoint|remote|streamable-?http|streamablehttp|http)$/i;
const URL_FLAG_INLINE = /^(--?(?:url|sse|server|server-url|serverurl|endpoint|remote|streamable-?http|streamablehttp|http)=)/i;
const REMOTE_SCHEME = /^(?:https?|wss?):\/\//i;

/** The server's `url` and the remote URL a bridge gets in `args` (`npx mcp-remote https://…`, `--sse https://…`). */
function serverUrls(node: McpServerNode): UrlInField[] {
  const fields: StringField[] = [];
  if (node.url) fields.push(node.url);
  const bridge = [node.command?.value ?? '', ...node.args.map((a) => a.value)].some((v) => BRIDGE.test(v.trim()));
  node.args.forEach((a, i) => {
    const v = a.value.trim();
    const inline = URL_FLAG_INLINE.exec(a.value.trimStart());
    if (inline) {
      const lead = a.value.length - a.value.trimStart().length;
      fields.push(subField(a, lead + inline[1]!.length));
      return;
    }
    if (!REMOTE_SCHEME.test(v)) return;
    const prev = node.args[i - 1]?.value.trim() ?? '';
    if (bridge || URL_FLAG.test(prev)) fields.push(a);
  });
  return fields.map(urlInField).filter((u): u is UrlInField => !!u && /^(?:https?|wss?)$/.test(u.url.scheme));
}
