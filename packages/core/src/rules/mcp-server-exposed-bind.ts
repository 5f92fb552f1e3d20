import type { McpServerNode, Rule, RuleContext } from '../types.ts';
import { commandTokens, launchedPackage, type Token } from './_launchers.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * An MCP server that a local client starts, bound to every network interface:
 * - `--host 0.0.0.0`, `--host=0.0.0.0`, `--bind ::`, `--listen 0.0.0.0:8080` (also `--address`, `--addr`,
 *   `--http-host`, `--server-host`, `--bind-address`) in the command line;
 * - `HOST`, `MCP_HOST`, `FASTMCP_HOST`, `BIND`, `BIND_ADDRESS`, `SERVER_HOST`, `LISTEN_ADDRESS`… set to such an
 *   address in the server's `env`, or as an `env NAME=0.0.0.0` prefix of the command;
 * - `docker run -p 8080:8080` (Docker publishes on every interface unless an address is given),
 *   `-p 0.0.0.0:8080:8080`, `-P` / `--publish-all`; and `--host 0.0.0.0` after the image when the container runs
 *   with `--network host` (the container's interfaces are then the host's).
 * Arguments after the image of `docker run` are read inside the container, where `0.0.0.0` is required for the
 * published port to work: they are not reported; the publish option is what decides. `-p 127.0.0.1:8080:8080`,
 * `--host 127.0.0.1`, `localhost` and a specific interface address are fine.
 *
 * securitySeverity: `high` (anyone on the same network, a café or office Wi-Fi, can call the server's tools).
 */
export const mcpServerExposedBind: Rule = {
  meta: {
    id: 'mcp-server-exposed-bind',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'MCP servers started for a local client must listen on loopback, not on every interface (0.0.0.0, ::, docker -p without 127.0.0.1)',
      preset: 'recommended',
      url: docsUrl('mcp-server-exposed-bind'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'high',
    messages: {
      flag: "MCP server '{{name}}' listens on every network interface ('{{value}}'): anyone on the same network can call its tools. Bind it to 127.0.0.1 (a local client needs nothing else).",
      env: "MCP server '{{name}}' sets {{key}}={{value}}, which makes it listen on every network interface: anyone on the same network can call its tools. Use 127.0.0.1.",
      publish: "MCP server '{{name}}' publishes container port '{{value}}' on every host interface (Docker's default without an address): anyone on the same network can call its tools. Publish on loopback: '-p 127.0.0.1:{{loopback}}'.",
      hostNetwork: "MCP server '{{name}}' runs in a container on the host's network (--network host) and listens on every interface ('{{value}}'): anyone on the same network can call its tools. Bind it to 127.0.0.1 or publish one port on loopback.",
      publishAll: "MCP server '{{name}}' publishes every exposed container port on all host interfaces ('{{value}}'). Publish only the port it needs, on loopback: '-p 127.0.0.1:<port>:<port>'.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) if (node.type === 'mcp-server') checkServer(node, context);
  },
};

/** Options whose value is the address to listen on. */
const HOST_FLAGS = new Set(['--host', '--bind', '--listen', '--address', '--addr', '--http-host', '--server-host', '--bind-address', '--listen-address', '--hostname', '--mcp-host', '--sse-host', '--ip']);
/** Environment variables that name the listening address (upper-cased). */
const HOST_ENV = new Set([
  'HOST', 'MCP_HOST', 'FASTMCP_HOST', 'FASTMCP_SERVER_HOST', 'MCP_SERVER_HOST', 'BIND', 'BIND_ADDRESS', 'BIND_HOST', 'MCP_BIND',
  'MCP_BIND_ADDRESS', 'SERVER_HOST', 'LISTEN_HOST', 'LISTEN_ADDRESS', 'HTTP_HOST', 'UVICORN_HOST', 'MCP_LISTEN_ADDRESS', 'MCP_HTTP_HOST',
  'MCP_SSE_HOST',
]);

/** Every-interface addresses, with an optional port: `0.0.0.0`, `0.0.0.0:8080`, `::`, `[::]:8080`, `*`. */
const ANY_ADDRESS = /^(?:0\.0\.0\.0|0|\[?::0?\]?|\[?0:0:0:0:0:0:0:0\]?|\*)(?::\d{1,5})?$/;

function isAny(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v === '0' || v === '*') return false; // too ambiguous on their own (a count, a glob)
  return ANY_ADDRESS.test(v) || /^(?:https?|tcp):\/\/(?:0\.0\.0\.0|\[::\])(?::\d{1,5})?\/?$/i.test(v);
}

function checkServer(node: McpServerNode, context: RuleContext): void {
  const tokens = commandTokens(node);
  const pkg = launchedPackage(tokens);
  const docker = pkg?.ecosystem === 'docker';
  if (docker) {
    checkPublish(node, tokens, pkg.token.start, context);
    // With the host's network stack, the container's own `--host 0.0.0.0` is the host's every interface.
    if (hostNetwork(tokens, pkg.token.start)) checkFlags(node, tokens.filter((t) => t.start > pkg.token.start), context, 'hostNetwork');
    return;
  }
  checkFlags(node, tokens, context, 'flag');
  for (const e of node.env) {
    if (!HOST_ENV.has(e.key.toUpperCase()) || !isAny(e.value)) continue;
    const lead = e.value.length - e.value.trimStart().length;
    context.report({ messageId: 'env', data: { name: node.name, key: e.key, value: e.value.trim() }, start: e.start + lead, end: Math.max(e.start + lead + 1, e.end) });
  }
}

function hostNetwork(tokens: readonly Token[], imageStart: number): boolean {
  for (let i = 0; i < tokens.length && tokens[i]!.start < imageStart; i++) {
    const v = tokens[i]!.value;
    if (/^--(?:network|net)=host$/.test(v)) return true;
    if ((v === '--network' || v === '--net') && tokens[i + 1]?.value === 'host') return true;
  }
  return false;
}

function checkFlags(node: McpServerNode, tokens: readonly Token[], context: RuleContext, messageId: 'flag' | 'hostNetwork'): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const v = t.value;
    const eq = v.indexOf('=');
    if (HOST_FLAGS.has(v.toLowerCase()) || v === '-H') {
      const next = tokens[i + 1];
      if (next && isAny(next.value)) {
        report(context, messageId, node, next, next.value);
        i++;
      }
    } else if (eq > 0 && v.startsWith('-') && HOST_FLAGS.has(v.slice(0, eq).toLowerCase())) {
      if (isAny(v.slice(eq + 1))) report(context, messageId, node, t, v);
    } else if (messageId === 'flag' && eq > 0 && HOST_ENV.has(v.slice(0, eq)) && isAny(v.slice(eq + 1))) {
      // `env HOST=0.0.0.0 node server.js`
      context.report({ messageId: 'env', data: { name: node.name, key: v.slice(0, eq), value: v.slice(eq + 1) }, start: t.start, end: t.end });
    }
  }
}

function report(context: RuleContext, messageId: string, node: McpServerNode, t: Token, value: string): void {
  context.report({ messageId, data: { name: node.name, value }, start: t.start, end: t.end });
}

/** `docker run` options before the image: `-p`, `--publish`, `-p8080:80`, `--publish=…`, `-P`, `--publish-all`. */
function checkPublish(node: McpServerNode, tokens: readonly Token[], imageStart: number, context: RuleContext): void {
  for (let i = 0; i < tokens.length && tokens[i]!.start < imageStart; i++) {
    const t = tokens[i]!;
    const v = t.value;
    if (v === '-P' || v === '--publish-all' || v === '--publish-all=true') {
      report(context, 'publishAll', node, t, v);
      continue;
    }
    let spec: Token | undefined;
    if (v === '-p' || v === '--publish') {
      spec = tokens[i + 1];
      i++;
    } else if (v.startsWith('--publish=')) spec = { value: v.slice(10), start: t.start, end: t.end };
    else if (/^-p[^-]/.test(v)) spec = { value: v.slice(2).replace(/^=/, ''), start: t.start, end: t.end };
    if (!spec || spec.start >= imageStart) continue;
    const exposed = publishedOnAll(spec.value);
    if (exposed) context.report({ messageId: 'publish', data: { name: node.name, value: spec.value, loopback: exposed }, start: spec.start, end: spec.end });
  }
}

/**
 * `[ip:][hostPort:]containerPort[/proto]`: without an address (or with 0.0.0.0 / ::) the port is published on
 * every interface. Returns the spec rewritten for loopback, or undefined when it is already bound to one address.
 */
function publishedOnAll(spec: string): string | undefined {
  const s = spec.trim();
  if (!s || s.length > 200 || /[${}]/.test(s)) return undefined;
  let ip = '';
  let rest = s;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    ip = s.slice(1, close);
    rest = s.slice(close + 2);
  } else {
    const parts = s.split(':');
    if (parts.length === 3) {
      ip = parts[0]!;
      rest = parts.slice(1).join(':');
    } else if (parts.length > 3) return undefined;
  }
  if (ip && ip !== '0.0.0.0' && ip !== '::' && ip !== '0') return undefined;
  if (!/^\d{1,5}(?:-\d{1,5})?(?::\d{1,5}(?:-\d{1,5})?)?(?:\/(?:tcp|udp|sctp))?$/i.test(rest)) return undefined;
  return rest.includes(':') ? rest : `${rest.split('/')[0]}:${rest}`;
}
