import type { Rule, SecuritySeverity } from '../types.ts';
import { docsUrl } from './_docs-url.ts';
import { entry, isTrue, objectAt } from './_agency.ts';
import { isArray } from '../formats/tree.ts';

/**
 * MCP tools the client runs without asking: `alwaysAllow` (Roo, Kilo) and `autoApprove` (Cline) lists, a
 * boolean `autoApprove: true`, and Gemini CLI `trust: true` (every tool of the server, no confirmation).
 *
 * securitySeverity by tool name: `critical` for `*` / `all` and a boolean `true`; `high` for tools that run
 * commands, change or delete data, or send data out; `low` for read-only names (`get_*`, `list_*`, `read_*`,
 * `search_*`, ...); `medium` for the rest. `trust: true` is `high`, `medium` when `includeTools` narrows it.
 */

type Risk = { severity: SecuritySeverity; what: string };

const ALL = /^(?:\*|\*\*|all|any|\.\*)$/i;
const EXEC = new Set(['exec', 'execute', 'run', 'shell', 'bash', 'sh', 'zsh', 'powershell', 'pwsh', 'cmd', 'command', 'terminal', 'eval', 'spawn', 'python', 'script', 'process', 'kill', 'sudo', 'repl', 'interpreter']);
const DELETE = new Set(['delete', 'remove', 'rm', 'rmdir', 'drop', 'destroy', 'purge', 'truncate', 'unlink', 'wipe', 'erase', 'reset', 'revoke']);
const WRITE = new Set(['write', 'edit', 'create', 'update', 'patch', 'put', 'set', 'insert', 'upload', 'move', 'mv', 'rename', 'modify', 'replace', 'save', 'append', 'commit', 'merge', 'apply', 'install', 'deploy', 'add', 'approve', 'transfer', 'pay', 'mkdir', 'chmod']);
const SEND = new Set(['send', 'post', 'push', 'email', 'mail', 'message', 'publish', 'fetch', 'request', 'http', 'curl', 'wget', 'browse', 'navigate', 'webhook', 'tweet', 'reply', 'comment', 'invite', 'share', 'notify', 'call']);
const READ_ONLY = new Set(['get', 'list', 'read', 'search', 'find', 'query', 'describe', 'view', 'show', 'lookup', 'count', 'check', 'status', 'inspect', 'resolve', 'explain', 'summarize', 'retrieve', 'download']);

const STRONG = new Set(['delete', 'remove', 'drop', 'destroy', 'purge', 'write', 'replace', 'execute', 'exec', 'eval', 'kill', 'send', 'push']);

/** Words of a tool name: `delete_file`, `git-push`, `runCommand`, `fs.write`. */
export function toolWords(name: string): string[] {
  return name.slice(0, 200).split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
}

/** How much a tool can do, judged by its name. */
export function toolRisk(name: string): Risk {
  const v = name.trim();
  if (ALL.test(v)) return { severity: 'critical', what: 'every tool of the server, present and future' };
  const words = toolWords(v);
  // `get_workflow_run`, `read_message`: a read-only verb first; only a destructive verb later outweighs it.
  if (words.length && READ_ONLY.has(words[0]!) && !words.some((w) => STRONG.has(w))) return { severity: 'low', what: 'a read-only tool, by its name' };
  if (words.some((w) => EXEC.has(w))) return { severity: 'high', what: 'it runs commands or code' };
  if (words.some((w) => DELETE.has(w))) return { severity: 'high', what: 'it deletes data' };
  if (words.some((w) => SEND.has(w))) return { severity: 'high', what: 'it sends data or acts outside this machine' };
  if (words.some((w) => WRITE.has(w))) return { severity: 'high', what: 'it changes files or data' };
  return { severity: 'medium', what: 'an injected prompt can call it with no one looking' };
}

export const mcpAutoApprove: Rule = {
  meta: {
    id: 'mcp-auto-approve',
    category: 'agency',
    type: 'problem',
    docs: {
      description: 'MCP tools should not run without confirmation (alwaysAllow / autoApprove lists, Gemini CLI trust: true)',
      preset: 'recommended',
      url: docsUrl('mcp-auto-approve'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      autoApprove: "MCP server '{{name}}' runs tool '{{tool}}' without asking ({{key}}): {{what}}.",
      autoApproveAll: "MCP server '{{name}}' runs {{what}} without asking ({{key}}).",
      trust: "MCP server '{{name}}' is trusted (trust: true): every tool call runs without confirmation{{scope}}.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      const server = objectAt(doc, node.start, node.end);
      for (const key of ['alwaysAllow', 'autoApprove']) {
        const e = entry(server, key);
        if (e?.value && isTrue(e.value)) {
          context.report({ messageId: 'autoApproveAll', data: { name: node.name, what: 'every tool of the server', key }, start: e.value.start, end: e.value.end, securitySeverity: 'critical' });
        }
      }
      for (const f of node.autoApprove) {
        const tool = f.value.trim();
        if (!tool) continue;
        const key = String(f.path[f.path.length - 2] ?? 'autoApprove');
        const risk = toolRisk(tool);
        const all = risk.severity === 'critical';
        context.report({
          messageId: all ? 'autoApproveAll' : 'autoApprove',
          data: { name: node.name, tool: tool.length > 80 ? `${tool.slice(0, 80)}…` : tool, what: risk.what, key },
          start: f.start,
          end: Math.max(f.end, f.start + 1),
          securitySeverity: risk.severity,
        });
      }
      if (node.trust && node.trust.value === 'true') {
        const include = entry(server, 'includeTools')?.value;
        const narrowed = isArray(include) && include.items.length > 0;
        context.report({
          messageId: 'trust',
          data: { name: node.name, scope: narrowed ? ' (limited to its includeTools list)' : '' },
          start: node.trust.start,
          end: node.trust.end,
          securitySeverity: narrowed ? 'medium' : 'high',
        });
      }
    }
  },
};
