import type { McpServerNode, StringField, TextSegment, ToolNode } from '../types.ts';
import type { Extraction } from './extraction.ts';
import { envModel } from './models.ts';
import { get, isArray, isObject, isString, str, toField, toSegment, walkStrings, type JNode, type JObject, type Path } from './tree.ts';

/**
 * MCP client configurations (formats.md §2.1) and tool definitions (§2.2).
 *
 * Server maps are found under `mcpServers` (Claude, Cursor, Cline, Gemini, Kiro...), `servers` at the top or
 * under `mcp` (VS Code `mcp.json` / `settings.json`), `mcp-servers` (Copilot agent front matter),
 * `mcp_servers`, `context_servers` (Zed), `mcp` holding a server map (opencode), `projects.*.mcpServers`
 * (`~/.claude.json`), or at the top level with no wrapper (Claude plugin `.mcp.json`). A map may also be a
 * list of `{name, ...}` entries (Continue).
 */

const SERVER_MAP_KEYS = new Set(['mcpServers', 'mcp_servers', 'mcp-servers', 'mcpservers', 'context_servers']);

/** Does `n` look like a map (or list) of MCP server entries? */
export function looksLikeServerMap(n: JNode | undefined): boolean {
  const values = isObject(n) ? n.entries.map((e) => e.value) : isArray(n) ? n.items : [];
  return values.length > 0 && values.every((v) => isObject(v) && isServerEntry(v));
}

function isServerEntry(v: JObject): boolean {
  return ['command', 'url', 'serverUrl', 'httpUrl'].some((k) => get(v, k) !== undefined);
}

/** The server maps of a document, with their key paths. */
export function serverMaps(root: JNode): { node: JNode; path: Path }[] {
  const found: { node: JNode; path: Path }[] = [];
  const visit = (n: JNode | undefined, path: Path, depth: number) => {
    if (!isObject(n) || depth > 8) return;
    for (const e of n.entries) {
      const parent = path[path.length - 1];
      const isMap =
        SERVER_MAP_KEYS.has(e.key) ||
        (e.key === 'servers' && (path.length === 0 || parent === 'mcp') && (isObject(e.value) || isArray(e.value))) ||
        (e.key === 'mcp' && looksLikeServerMap(e.value));
      if (isMap && e.value) found.push({ node: e.value, path: [...path, e.key] });
      else visit(e.value, [...path, e.key], depth + 1);
    }
  };
  visit(root, [], 0);
  if (!found.length && looksLikeServerMap(root)) found.push({ node: root, path: [] });
  return found;
}

/**
 * Every MCP server entry of a configuration document. With an extraction, the server maps are claimed and
 * a server `env` that redirects an LLM SDK (`OPENAI_BASE_URL`) adds a model node.
 */
export function mcpServers(root: JNode, x?: Extraction): McpServerNode[] {
  const out: McpServerNode[] = [];
  for (const { node, path } of serverMaps(root)) {
    x?.claimed.add(node);
    const entries = isObject(node)
      ? node.entries.map((e) => ({ name: e.key, value: e.value, path: [...path, e.key] }))
      : isArray(node)
        ? node.items.map((v, i) => ({ name: str(get(v, 'name')) ?? String(i), value: v, path: [...path, i] }))
        : [];
    for (const { name, value, path: p } of entries) {
      if (!isObject(value)) continue;
      out.push(mcpServer(name, value, p));
      const envKey = get(value, 'env') !== undefined ? 'env' : 'environment';
      const env = get(value, envKey);
      const model = env && envModel(env, [...p, envKey]);
      if (model && x) x.nodes.push(model);
    }
  }
  return out;
}

/** String fields of an object or list. */
export function fields(n: JNode | undefined, path: Path): StringField[] {
  const out: StringField[] = [];
  if (isObject(n)) for (const e of n.entries) if (isString(e.value)) out.push(toField(e.key, [...path, e.key], e.value));
  if (isArray(n)) n.items.forEach((v, i) => isString(v) && out.push(toField(String(i), [...path, i], v)));
  return out;
}

const URL_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint', 'sseEndpoint', 'endpointUrl'];

/** One server entry, normalised to `{name, transport, command, args, env, url, headers}`. */
export function mcpServer(name: string, n: JObject, path: Path): McpServerNode {
  const commandNode = get(n, 'command');
  const urlKey = URL_KEYS.find((k) => isString(get(n, k)));
  const trust = get(n, 'trust');
  let command: StringField | undefined;
  let args = fields(get(n, 'args'), [...path, 'args']);
  if (isString(commandNode)) command = toField('command', [...path, 'command'], commandNode);
  else if (isArray(commandNode)) {
    // opencode: `"command": ["npx", "-y", "pkg"]`.
    const parts = fields(commandNode, [...path, 'command']);
    command = parts[0];
    args = [...parts.slice(1), ...args];
  }
  const envKey = get(n, 'env') !== undefined ? 'env' : 'environment';
  return {
    type: 'mcp-server',
    name,
    start: n.start,
    end: n.end,
    transport: str(get(n, 'type', 'transport')),
    command,
    args,
    env: fields(get(n, envKey), [...path, envKey]),
    url: urlKey ? toField(urlKey, [...path, urlKey], get(n, urlKey) as Parameters<typeof toField>[2]) : undefined,
    headers: fields(get(n, 'headers'), [...path, 'headers']),
    autoApprove: [...fields(get(n, 'alwaysAllow'), [...path, 'alwaysAllow']), ...fields(get(n, 'autoApprove'), [...path, 'autoApprove'])],
    trust: trust && trust.kind === 'boolean' ? { key: 'trust', path: [...path, 'trust'], value: String(trust.value), start: trust.start, end: trust.end, map: { base: trust.start } } : undefined,
  };
}

// -------------------------------------------------------------------------------------------- tools

const DESCRIPTION_KEYS = /^(?:description|title|instructions|summary)$/;

/** A tool definition: its name, the text the model reads about it, and its parameter names. */
export function toolNode(tool: JObject, name: string, path: Path, schema: JNode | undefined, x?: Extraction, parameterNames?: string[]): ToolNode {
  const descriptions: TextSegment[] = [];
  walkStrings(tool, (s, p, key) => {
    if (!DESCRIPTION_KEYS.test(key)) return;
    descriptions.push(toSegment(s, p, 'tool-description'));
    x?.context(s, 'tool-description');
  }, path);
  const props = get(schema, 'properties');
  const parameters = parameterNames ?? (isObject(props)
    ? props.entries.map((e) => e.key)
    : isArray(schema)
      ? schema.items.map((p) => str(get(p, 'name', 'property'))).filter((v): v is string => !!v)
      : []);
  return { type: 'tool', name, start: tool.start, end: tool.end, descriptions, parameters };
}

/**
 * Tool definitions anywhere under `root`: MCP `tools/list` entries and signature files (`inputSchema`),
 * Anthropic (`input_schema`) and OpenAI-style (`{type: "function", function: {name, parameters}}`) tools,
 * and named entries with a description inside a `tools` list.
 */
export function tools(root: JNode, basePath: Path = [], x?: Extraction): ToolNode[] {
  const out: ToolNode[] = [];
  const visit = (n: JNode | undefined, path: Path, depth: number) => {
    if (!n || depth > 64) return;
    if (isArray(n)) {
      n.items.forEach((c, i) => visit(c, [...path, i], depth + 1));
      return;
    }
    if (!isObject(n)) return;
    const fn = get(n, 'function');
    const tool = isObject(fn) && get(fn, 'name') ? fn : n;
    const name = str(get(tool, 'name'));
    const schema = get(tool, 'inputSchema', 'input_schema', 'parameters');
    const inToolList = path.some((p) => p === 'tools');
    if (name && ((isObject(schema) && !isLcSecretLike(schema)) || (inToolList && isString(get(tool, 'description'))))) {
      out.push(toolNode(tool, name, tool === n ? path : [...path, 'function'], schema, x));
      return;
    }
    for (const e of n.entries) visit(e.value, [...path, e.key], depth + 1);
  };
  visit(root, basePath, 0);
  return out;
}

function isLcSecretLike(n: JObject): boolean {
  return get(n, 'lc') !== undefined;
}
