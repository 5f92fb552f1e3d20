import type { McpServerNode, PromptDocument, Rule, RuleContext, StringField, Suggestion } from '../types.ts';
import { rawRange } from '../util/position.ts';
import { maskSecret } from '../util/mask.ts';
import { docsUrl } from './_docs-url.ts';
import { findTypedSecrets } from './_secret-detectors.ts';
import { envReferenceSuggestion } from './_secret-fix.ts';
import { credentialVerdict, envNameFor, isCredentialKey } from './_secret-values.ts';

/**
 * A literal credential in an MCP server entry: an `env` value under a credential name (`GITHUB_TOKEN`,
 * `API_KEY`, `DB_PASSWORD`), a `headers` value (`Authorization: Bearer …`, `X-API-Key`), or an `args` value
 * after `--api-key`/`--token`/`--password` (or `--token=…`, `KEY=value`), plus any typed token in those
 * fields. MCP configs are shared in repositories, dotfiles and screenshots; clients expand `${VAR}`,
 * `${env:VAR}` and `${input:x}` so the key never has to be written down.
 */
export const mcpLiteralCredential: Rule = {
  meta: {
    id: 'mcp-literal-credential',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'MCP server env, headers and args must reference credentials, not hold them literally',
      preset: 'recommended',
      url: docsUrl('mcp-literal-credential'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    hasSuggestions: true,
    messages: {
      literal: "MCP server '{{server}}' has a literal credential in {{where}} '{{key}}' ({{masked}}). Use an environment or input reference such as {{ref}}.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      const server = node as McpServerNode;
      const vscode = isVsCode(doc);
      for (const f of server.env) check(context, doc, server, f, 'env', f.key, f.key, vscode);
      for (const f of server.headers) check(context, doc, server, f, 'headers', f.key, /^(?:proxy-)?authorization$/i.test(f.key) ? `${server.name}_TOKEN` : f.key, vscode);
      server.args.forEach((f, i) => {
        const prev = server.args[i - 1]?.value ?? '';
        const flag = /^--?(?:api[-_]?key|token|access[-_]?token|auth[-_]?token|password|passwd|secret|key|client[-_]?secret|pat|bearer|apikey)$/i.exec(prev);
        const inline = /^(--?[A-Za-z][A-Za-z0-9_-]{0,40}|[A-Za-z_][A-Za-z0-9_]{0,60})=(.{1,300})$/.exec(f.value);
        // `--headers x-api-key VALUE` (mcp-proxy, mcp-remote): a credential header name, then its value.
        const header = /^(?:x-api-key|api-key|apikey|authorization|proxy-authorization|x-auth-token|x-goog-api-key)$/i.test(prev) && /^(?:--headers?|-H)$/.test(server.args[i - 2]?.value ?? '');
        if (flag || header) check(context, doc, server, f, 'args', prev, prev.replace(/^-+/, ''), vscode, true);
        else if (inline && isCredentialKey(inline[1]!.replace(/^-+/, ''))) check(context, doc, server, f, 'args', inline[1]!, inline[1]!.replace(/^-+/, ''), vscode, false, inline[1]!.length + 1);
        else typedOnly(context, server, f);
      });
    }
  },
};

function isVsCode(doc: PromptDocument): boolean {
  return doc.kind === 'vscode-settings' || /(^|[\\/])\.vscode[\\/]/.test(doc.file.path) || doc.segments.some((s) => s.path[0] === 'servers');
}

function check(context: RuleContext, doc: PromptDocument, server: McpServerNode, f: StringField, where: string, key: string, envKey: string, vscode: boolean, forceKey = false, offset = 0): void {
  const value = f.value.slice(offset);
  const typed = findTypedSecrets(value);
  const bare = key.replace(/^-+/, '');
  const v = credentialVerdict(forceKey && !isCredentialKey(bare) ? 'api_key' : bare, value, { includeTyped: true }) ?? (typed.length ? { offset: typed[0]!.start, secret: typed[0]!.value, severity: typed[0]!.severity, kind: 'token' as const } : undefined);
  if (!v) return;
  if (v.secret.includes('://')) return; // credential-in-url
  const r = rawRange(f.map, offset + v.offset, offset + v.offset + v.secret.length);
  const env = envNameFor(envKey, 'API_KEY');
  let suggestion: Suggestion | undefined;
  if (offset === 0 && v.offset === 0 && v.secret.length === f.value.length) suggestion = envReferenceSuggestion(doc, r.start, r.end, env, vscode ? 'vscode' : 'dollar');
  else if (v.secret.length + v.offset === value.length && offset === 0) {
    const ref = vscode ? `\${env:${env}}` : `\${${env}}`;
    suggestion = { desc: `Replace the literal with the environment reference ${ref}`, fix: { edits: [{ start: r.start, end: r.end, text: ref }] } };
  }
  context.report({
    messageId: 'literal',
    data: { server: server.name, where, key, masked: maskSecret(v.secret), ref: vscode ? `\${env:${env}}` : `\${${env}}` },
    start: r.start,
    end: r.end,
    securitySeverity: typed.length ? 'critical' : v.severity,
    suggestions: suggestion ? [suggestion] : undefined,
  });
}

function typedOnly(context: RuleContext, server: McpServerNode, f: StringField): void {
  const hit = findTypedSecrets(f.value)[0];
  if (!hit || hit.type === 'slack-webhook') return;
  const r = rawRange(f.map, hit.start, hit.end);
  const env = hit.envName ?? 'API_KEY';
  context.report({
    messageId: 'literal',
    data: { server: server.name, where: 'args', key: String(f.path[f.path.length - 1]), masked: maskSecret(hit.value), ref: `\${${env}}` },
    start: r.start,
    end: r.end,
    securitySeverity: 'critical',
  });
}
