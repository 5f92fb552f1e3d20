import type { DocumentKind, DocumentNode, McpServerNode, SegmentContext, StringField, TextSegment, ToolNode, PromptMessageNode } from '../types.ts';
import { findModels } from './models.ts';
import { get, isArray, isObject, isString, str, toField, toSegment, walkStrings, type JNode, type JObject, type Path } from './tree.ts';

export interface StructuredParts {
  readonly kind: DocumentKind;
  readonly segments: TextSegment[];
  readonly nodes: DocumentNode[];
}

/** Content sniffing for structured documents whose file name says nothing (formats.md §6). */
export function sniffKind(root: JNode | undefined, fileName: string): DocumentKind {
  const name = fileName.toLowerCase();
  if (!root) return 'generic';
  if (isObject(root)) {
    if (get(root, 'lc') !== undefined && get(root, 'type') !== undefined) return 'langchain';
    const manifest = get(root, 'manifest');
    if (isObject(manifest) && get(manifest, 'lc') !== undefined) return 'langchain';
    if (str(get(root, '_type'))?.endsWith('prompt') && get(root, 'template') !== undefined) return 'langchain-legacy';
    if (get(root, 'mcpServers') !== undefined || get(root, 'mcp_servers') !== undefined || get(root, 'mcp-servers') !== undefined) return 'mcp-config';
    if (isObject(get(root, 'servers')) && (name.endsWith('mcp.json') || get(root, 'inputs') !== undefined || looksLikeServerMap(get(root, 'servers')))) return 'mcp-config';
    if (isObject(get(root, 'mcp')) && (get(get(root, 'mcp'), 'servers') !== undefined)) return 'vscode-settings';
    const toolList = get(root, 'tools');
    if (isArray(toolList) && toolList.items.some((t) => isObject(t) && get(t, 'name') !== undefined && (get(t, 'inputSchema') !== undefined || get(t, 'description') !== undefined)) && !get(root, 'model')) return 'mcp-tools';
    if (get(root, 'inputSchema') !== undefined && get(root, 'name') !== undefined) return 'mcp-tools';
    if (name.includes('.claude') && (get(root, 'permissions') !== undefined || get(root, 'hooks') !== undefined || get(root, 'env') !== undefined)) return 'claude-settings';
    if (str(get(root, 'kind')) === 'app' || (get(root, 'app') !== undefined && get(root, 'workflow') !== undefined)) return 'dify';
    if (isArray(get(root, 'nodes')) && get(root, 'connections') !== undefined) return 'n8n';
    if (isObject(get(root, 'data')) && isArray(get(get(root, 'data'), 'nodes'))) return 'langflow';
    if (isArray(get(root, 'nodes')) && isArray(get(root, 'edges'))) return 'flowise';
    if (name.includes('promptfoo') || str(get(root, '$schema'))?.includes('promptfoo') || (get(root, 'providers') !== undefined && get(root, 'prompts') !== undefined)) return 'promptfoo';
    if (name.endsWith('.prompt.yml') || name.endsWith('.prompt.yaml')) return 'github-models-prompt';
    if (get(root, 'template_format') !== undefined && get(root, 'template') !== undefined) return 'semantic-kernel';
    if (isArray(get(root, 'models')) && (name.includes('continue') || get(root, 'schema') !== undefined)) return 'continue';
    if (looksLikeServerMap(root) && name.endsWith('.json') && name.includes('mcp')) return 'mcp-config';
    if (/(^|\/)agents\.ya?ml$/.test(name) || /(^|\/)tasks\.ya?ml$/.test(name) || isCrew(root)) return 'crewai';
  }
  if (isArray(root)) {
    if (/oai_config_list/i.test(name) || root.items.every((i) => isObject(i) && get(i, 'model') !== undefined)) return root.items.length ? 'autogen' : 'generic';
    if (root.items.some((i) => isObject(i) && get(i, 'name') !== undefined && get(i, 'inputSchema') !== undefined)) return 'mcp-tools';
  }
  return 'generic';
}

function isCrew(root: JObject): boolean {
  return root.entries.length > 0 && root.entries.every((e) => isObject(e.value) && (get(e.value, 'role') !== undefined || get(e.value, 'expected_output') !== undefined));
}

function looksLikeServerMap(n: JNode | undefined): boolean {
  return isObject(n) && n.entries.length > 0 && n.entries.every((e) => isObject(e.value) && (get(e.value, 'command') !== undefined || get(e.value, 'url') !== undefined || get(e.value, 'serverUrl') !== undefined || get(e.value, 'httpUrl') !== undefined));
}

const SYSTEM_KEYS = /^(?:system|system_?message|system_?prompt|systemMessage|systemPrompt|base_?system_?message|baseAgentSystemMessage|baseChatSystemMessage|prefix)$/i;
const INSTRUCTION_KEYS = /^(?:instructions?|role|goal|backstory|persona|rules|guidelines|expected_output)$/i;
const TOOL_DESCRIPTION_KEYS = /^(?:description|title|summary)$/i;
const PROMPT_KEYS = /^(?:template|prompt|prompts|content|text|suffix|user_?prompt|userPrompt|query|question)$/i;

/** Default context of a string by its key path. */
export function contextFor(kind: DocumentKind, path: Path, key: string): SegmentContext {
  const inTools = path.some((p) => p === 'tools' || p === 'inputSchema' || p === 'parameters' || p === 'properties' || p === 'input_schema');
  if (TOOL_DESCRIPTION_KEYS.test(key) && (inTools || kind === 'mcp-tools')) return 'tool-description';
  if (SYSTEM_KEYS.test(key)) return 'system-message';
  if (INSTRUCTION_KEYS.test(key) && (kind === 'crewai' || path.length <= 3 || kind === 'mcp-tools')) return 'instructions';
  if (PROMPT_KEYS.test(key)) return 'message';
  return 'config-value';
}

/** Build segments and typed nodes from parsed structured roots. */
export function buildStructured(roots: readonly JNode[], fileName: string, forcedKind?: DocumentKind): StructuredParts {
  const segments: TextSegment[] = [];
  const nodes: DocumentNode[] = [];
  const kind = forcedKind ?? sniffKind(roots[0], fileName);
  for (const root of roots) {
    const messageContexts = new Map<number, SegmentContext>();
    if (kind === 'langchain' || kind === 'langchain-legacy') nodes.push(...langchainMessages(root, messageContexts));
    walkStrings(root, (n, path, key) => {
      segments.push(toSegment(n, path, messageContexts.get(n.start) ?? contextFor(kind, path, key)));
    });
    nodes.push(...findModels(root));
    if (kind === 'mcp-config' || kind === 'vscode-settings' || kind === 'claude-settings' || kind === 'generic') nodes.push(...mcpServers(root));
    if (kind === 'mcp-tools' || kind === 'langchain') nodes.push(...tools(root));
  }
  return { kind, segments, nodes };
}

// ---------------------------------------------------------------------------------------------- MCP

function serverMaps(root: JNode): { node: JNode; path: Path }[] {
  const found: { node: JNode; path: Path }[] = [];
  const visit = (n: JNode | undefined, path: Path, depth: number) => {
    if (!isObject(n) || depth > 8) return;
    for (const e of n.entries) {
      if (e.key === 'mcpServers' || e.key === 'mcp_servers' || e.key === 'mcp-servers' || (e.key === 'servers' && (path.length === 0 || path[path.length - 1] === 'mcp'))) {
        if (e.value) found.push({ node: e.value, path: [...path, e.key] });
      } else visit(e.value, [...path, e.key], depth + 1);
    }
  };
  visit(root, [], 0);
  if (!found.length && looksLikeServerMap(root)) found.push({ node: root, path: [] });
  return found;
}

export function mcpServers(root: JNode): McpServerNode[] {
  const out: McpServerNode[] = [];
  for (const { node, path } of serverMaps(root)) {
    const entries: { name: string; value: JNode | undefined; path: Path }[] = isObject(node)
      ? node.entries.map((e) => ({ name: e.key, value: e.value, path: [...path, e.key] }))
      : isArray(node)
        ? node.items.map((v, i) => ({ name: str(get(v, 'name')) ?? String(i), value: v, path: [...path, i] }))
        : [];
    for (const { name, value, path: p } of entries) {
      if (!isObject(value)) continue;
      out.push(mcpServer(name, value, p));
    }
  }
  return out;
}

function fields(n: JNode | undefined, path: Path): StringField[] {
  const out: StringField[] = [];
  if (isObject(n)) for (const e of n.entries) if (isString(e.value)) out.push(toField(e.key, [...path, e.key], e.value));
  if (isArray(n)) n.items.forEach((v, i) => isString(v) && out.push(toField(String(i), [...path, i], v)));
  return out;
}

function mcpServer(name: string, n: JObject, path: Path): McpServerNode {
  const command = get(n, 'command');
  const urlEntry = ['url', 'serverUrl', 'httpUrl', 'uri', 'endpoint'].map((k) => ({ k, v: get(n, k) })).find((x) => isString(x.v));
  const trust = get(n, 'trust');
  return {
    type: 'mcp-server',
    name,
    start: n.start,
    end: n.end,
    transport: str(get(n, 'type', 'transport')),
    command: isString(command) ? toField('command', [...path, 'command'], command) : undefined,
    args: fields(get(n, 'args'), [...path, 'args']),
    env: fields(get(n, 'env'), [...path, 'env']),
    url: urlEntry && isString(urlEntry.v) ? toField(urlEntry.k, [...path, urlEntry.k], urlEntry.v) : undefined,
    headers: fields(get(n, 'headers'), [...path, 'headers']),
    autoApprove: [...fields(get(n, 'alwaysAllow'), [...path, 'alwaysAllow']), ...fields(get(n, 'autoApprove'), [...path, 'autoApprove'])],
    trust: trust && trust.kind === 'boolean' ? { key: 'trust', path: [...path, 'trust'], value: String(trust.value), start: trust.start, end: trust.end, map: { base: trust.start } } : undefined,
  };
}

// -------------------------------------------------------------------------------------------- tools

/** Tools of an MCP `tools/list` listing (or signature file), LangChain bindings and OpenAI-style `function` tools. */
export function tools(root: JNode): ToolNode[] {
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
    if (name && (schema !== undefined || (isString(get(tool, 'description')) && path.some((p) => p === 'tools')))) {
      const descriptions: TextSegment[] = [];
      const toolPath = tool === n ? path : [...path, 'function'];
      walkStrings(tool, (s, p, key) => {
        if (/^(?:description|title|instructions)$/.test(key)) descriptions.push(toSegment(s, p, 'tool-description'));
      }, toolPath);
      const props = get(schema, 'properties');
      out.push({ type: 'tool', name, start: tool.start, end: tool.end, descriptions, parameters: isObject(props) ? props.entries.map((e) => e.key) : [] });
      return;
    }
    for (const e of n.entries) visit(e.value, [...path, e.key], depth + 1);
  };
  visit(root, [], 0);
  return out;
}

// ---------------------------------------------------------------------------------------- LangChain

const ROLE_BY_CLASS: Record<string, string> = {
  SystemMessagePromptTemplate: 'system',
  SystemMessage: 'system',
  HumanMessagePromptTemplate: 'human',
  HumanMessage: 'human',
  AIMessagePromptTemplate: 'ai',
  AIMessage: 'ai',
  ChatMessagePromptTemplate: 'chat',
};

/** Prompt messages of an `lc` manifest, with their role and template format. */
function langchainMessages(root: JNode, contexts: Map<number, SegmentContext>): PromptMessageNode[] {
  const out: PromptMessageNode[] = [];
  const visit = (n: JNode | undefined, path: Path, role: string | undefined, depth: number) => {
    if (!n || depth > 128) return;
    if (isArray(n)) {
      n.items.forEach((c, i) => visit(c, [...path, i], role, depth + 1));
      return;
    }
    if (!isObject(n)) return;
    const id = get(n, 'id');
    const cls = isArray(id) ? str(id.items[id.items.length - 1]) : undefined;
    const nextRole = (cls && ROLE_BY_CLASS[cls]) ?? role;
    const kwargs = get(n, 'kwargs');
    const template = get(kwargs, 'template') ?? (get(n, '_type') ? get(n, 'template') : undefined);
    const content = cls && ROLE_BY_CLASS[cls] && !cls.endsWith('Template') ? get(kwargs, 'content') : undefined;
    const text = isString(template) ? template : isString(content) ? content : undefined;
    if (text) {
      const format = str(get(kwargs, 'template_format')) ?? str(get(n, 'template_format'));
      const vars = get(kwargs, 'input_variables') ?? get(n, 'input_variables');
      const segPath = [...path, 'kwargs', isString(template) ? 'template' : 'content'];
      const ctx: SegmentContext = nextRole === 'system' ? 'system-message' : 'message';
      contexts.set(text.start, ctx);
      out.push({
        type: 'prompt-message',
        start: n.start,
        end: n.end,
        role: nextRole,
        templateFormat: format ?? 'f-string',
        template: toSegment(text, segPath, ctx),
        inputVariables: isArray(vars) ? vars.items.map((v) => str(v)).filter((v): v is string => !!v) : undefined,
      });
    }
    for (const e of n.entries) visit(e.value, [...path, e.key], nextRole, depth + 1);
  };
  visit(root, [], undefined, 0);
  return out;
}
