import type { DocumentKind, DocumentNode, SegmentContext, TextSegment } from '../types.ts';
import { extractAutogen, extractClaudeSettings, extractContinue, extractCrew, extractGithubModels, extractPromptfoo, extractSemanticKernel } from './configs.ts';
import { Extraction } from './extraction.ts';
import { extractLangchain, isLcObject } from './langchain.ts';
import { extractDify, extractFlowise, extractLangflow, extractN8n } from './lowcode.ts';
import { findModels } from './models.ts';
import { looksLikeServerMap, mcpServers, tools } from './mcp.ts';
import { get, isArray, isObject, isString, str, toSegment, walkStrings, type JNode, type JObject, type Path } from './tree.ts';

export { mcpServers } from './mcp.ts';

export interface StructuredParts {
  readonly kind: DocumentKind;
  readonly segments: TextSegment[];
  readonly nodes: DocumentNode[];
}

/** The file name part of a path, lower case. */
function baseName(path: string): string {
  return (path.replace(/\\/g, '/').split('/').pop() ?? path).toLowerCase();
}

/**
 * What a structured document is (formats.md §6): by content first, the file name where content is
 * ambiguous (an `agents.yaml` of CrewAI, an `OAI_CONFIG_LIST`). Never throws.
 */
export function sniffKind(root: JNode | undefined, filePath: string): DocumentKind {
  const path = filePath.replace(/\\/g, '/').toLowerCase();
  const name = baseName(filePath);
  if (!root) return 'generic';
  if (isObject(root)) {
    if (isLcObject(root) || isLcObject(get(root, 'manifest'))) return 'langchain';
    if (isString(get(root, '_type')) && ['template', 'template_path', 'prefix', 'suffix', 'examples', 'messages', 'model_name', 'llm', 'prompt'].some((k) => get(root, k) !== undefined)) return 'langchain-legacy';
    if (str(get(root, 'kind')) === 'app' || (isObject(get(root, 'app')) && (isObject(get(root, 'workflow')) || isObject(get(root, 'model_config'))))) return 'dify';
    if (isArray(get(root, 'nodes')) && isObject(get(root, 'connections'))) return 'n8n';
    if (isLangflow(root)) return 'langflow';
    if (isFlowise(root)) return 'flowise';
    if (isClaudeSettings(root, path)) return 'claude-settings';
    if (isObject(get(root, 'mcp')) && isObject(get(get(root, 'mcp'), 'servers'))) return 'vscode-settings';
    // VS Code settings: dotted setting names (`chat.mcp.gallery.enabled`) next to an `mcp` block.
    if (isObject(get(root, 'mcp')) && (name === 'settings.json' || root.entries.some((e) => /^[a-z][\w-]*(?:\.[\w-]+)+$/i.test(e.key)))) return 'vscode-settings';
    if (isContinue(root, path)) return 'continue';
    if (['mcpServers', 'mcp_servers', 'context_servers'].some((k) => get(root, k) !== undefined)) return 'mcp-config';
    if (isObject(get(root, 'servers')) && (name.endsWith('mcp.json') || isArray(get(root, 'inputs')) || looksLikeServerMap(get(root, 'servers')))) return 'mcp-config';
    if (isObject(get(root, 'projects')) && (get(root, 'projects') as JObject).entries.some((e) => get(e.value, 'mcpServers') !== undefined)) return 'mcp-config';
    if (looksLikeServerMap(root) || (isObject(get(root, 'mcp')) && looksLikeServerMap(get(root, 'mcp')))) return 'mcp-config';
    if (isToolListing(root)) return 'mcp-tools';
    if (isPromptfoo(root, name)) return 'promptfoo';
    if (isGithubModels(root, name)) return 'github-models-prompt';
    if (isString(get(root, 'template')) && ['template_format', 'input_variables', 'execution_settings'].some((k) => get(root, k) !== undefined)) return 'semantic-kernel';
    if (/(^|\/)(?:agents|tasks)\.ya?ml$/.test(path) || isCrew(root)) return 'crewai';
  }
  if (isArray(root)) {
    if (/oai_config_list/.test(name)) return 'autogen';
    const items = root.items;
    if (items.length && items.every((i) => isObject(i) && isString(get(i, 'model')) && !isObject(get(i, 'inputSchema')))) {
      if (items.some((i) => ['api_key', 'base_url', 'api_base', 'api_type', 'api_version'].some((k) => get(i, k) !== undefined))) return 'autogen';
    }
    if (items.some((i) => isObject(i) && isString(get(i, 'name')) && isObject(get(i, 'inputSchema')))) return 'mcp-tools';
  }
  return 'generic';
}

function isLangflow(root: JObject): boolean {
  const data = get(root, 'data');
  if (isArray(get(data, 'nodes')) && (get(root, 'last_tested_version') !== undefined || isArray(get(data, 'edges')))) {
    return (get(data, 'nodes') as { items: readonly JNode[] }).items.some((n) => isObject(get(get(n, 'data'), 'node')) || str(get(n, 'type')) === 'genericNode');
  }
  // A single component export: `{data: {node: {template: {...}}}, type: "genericNode"}`.
  return isObject(get(get(get(root, 'data'), 'node'), 'template'));
}

function isFlowise(root: JObject): boolean {
  const nodes = get(root, 'nodes');
  if (isArray(nodes) && isArray(get(root, 'edges'))) return nodes.items.some((n) => isObject(get(get(n, 'data'), 'inputs')) || isArray(get(get(n, 'data'), 'inputParams')));
  // A custom tool export: `{name, description, schema, func}`.
  return isString(get(root, 'func')) && isString(get(root, 'name')) && get(root, 'schema') !== undefined;
}

function isClaudeSettings(root: JObject, path: string): boolean {
  if (/(^|\/|__)\.claude(\/|__)settings(\.local)?\.json$/.test(path)) return true;
  const perms = get(root, 'permissions');
  const hooks = get(root, 'hooks');
  const permsLike = isObject(perms) && ['allow', 'deny', 'ask', 'defaultMode'].some((k) => get(perms, k) !== undefined);
  const hooksLike = isObject(hooks) && hooks.entries.some((e) => isArray(e.value) && e.value.items.some((h) => isArray(get(h, 'hooks'))));
  return permsLike || hooksLike || isString(get(root, 'apiKeyHelper'));
}

function isToolListing(root: JObject): boolean {
  if (isObject(get(root, 'inputSchema')) && isString(get(root, 'name'))) return true;
  const list = get(root, 'tools') ?? get(get(root, 'result'), 'tools');
  if (!isArray(list) || get(root, 'model') !== undefined) return false;
  return list.items.some((t) => isObject(t) && isString(get(t, 'name')) && (isObject(get(t, 'inputSchema')) || isString(get(t, 'description'))));
}

function isPromptfoo(root: JObject, name: string): boolean {
  if (name.startsWith('promptfooconfig') || str(get(root, '$schema'))?.includes('promptfoo')) return true;
  return (get(root, 'providers') !== undefined || get(root, 'targets') !== undefined) && (get(root, 'prompts') !== undefined || get(root, 'tests') !== undefined);
}

function isGithubModels(root: JObject, name: string): boolean {
  if (/\.prompt\.ya?ml$/.test(name)) return true;
  const messages = get(root, 'messages');
  return isArray(messages) && messages.items.every((m) => isString(get(m, 'role')) && isString(get(m, 'content'))) && isString(get(root, 'model')) &&
    ['testData', 'evaluators', 'modelParameters'].some((k) => get(root, k) !== undefined);
}

function isContinue(root: JObject, path: string): boolean {
  const models = get(root, 'models');
  if (/(^|\/)\.continue\//.test(path) && (isArray(models) || get(root, 'mcpServers') !== undefined || get(root, 'rules') !== undefined)) return true;
  if (!isArray(models)) return false;
  return ['schema', 'tabAutocompleteModel', 'contextProviders', 'customCommands', 'slashCommands', 'embeddingsProvider', 'context'].some((k) => get(root, k) !== undefined) ||
    (isString(get(root, 'version')) && isString(get(root, 'name')));
}

function isCrew(root: JObject): boolean {
  return root.entries.length > 0 && root.entries.every((e) => isObject(e.value) && ((get(e.value, 'role') !== undefined && get(e.value, 'goal') !== undefined) || get(e.value, 'expected_output') !== undefined));
}

// ------------------------------------------------------------------------------------------ contexts

const SYSTEM_KEYS = /^(?:system|system_?message|system_?prompt|systemMessage|systemPrompt|base_?system_?message|baseAgentSystemMessage|baseChatSystemMessage|prefix)$/i;
const INSTRUCTION_KEYS = /^(?:instructions?|role|goal|backstory|persona|rules|guidelines|expected_output)$/i;
const TOOL_DESCRIPTION_KEYS = /^(?:description|title|summary)$/i;
const PROMPT_KEYS = /^(?:template|prompt|prompts|content|text|suffix|user_?prompt|userPrompt|query|question)$/i;

/** Kinds whose adapters set every meaningful context themselves: the rest of their strings are configuration. */
const EXPLICIT_KINDS = new Set<DocumentKind>([
  'langchain', 'langchain-legacy', 'mcp-config', 'claude-settings', 'vscode-settings', 'autogen', 'promptfoo', 'continue', 'crewai',
  'github-models-prompt', 'semantic-kernel', 'dify', 'flowise', 'langflow', 'n8n',
]);

/** Default context of a string by its key path (the heuristic for documents of no known kind). */
export function contextFor(kind: DocumentKind, path: Path, key: string): SegmentContext {
  if (EXPLICIT_KINDS.has(kind)) return 'config-value';
  const inTools = path.some((p) => p === 'tools' || p === 'inputSchema' || p === 'parameters' || p === 'properties' || p === 'input_schema');
  if (TOOL_DESCRIPTION_KEYS.test(key) && (inTools || kind === 'mcp-tools')) return 'tool-description';
  if (INSTRUCTION_KEYS.test(key) && (path.length <= 3 || kind === 'mcp-tools')) return 'instructions';
  if (kind === 'mcp-tools') return 'config-value';
  if (SYSTEM_KEYS.test(key)) return 'system-message';
  if (PROMPT_KEYS.test(key)) return 'message';
  return 'config-value';
}

// ------------------------------------------------------------------------------------------- builder

/** Kinds whose adapters know every model configuration: the generic model search would only add noise. */
const MODEL_AWARE_KINDS = new Set<DocumentKind>([
  'langchain', 'langchain-legacy', 'autogen', 'promptfoo', 'continue', 'dify', 'flowise', 'langflow', 'n8n', 'claude-settings',
]);

function extract(kind: DocumentKind, root: JNode, x: Extraction): void {
  switch (kind) {
    case 'langchain':
    case 'langchain-legacy':
      return extractLangchain(root, x);
    case 'autogen':
      return extractAutogen(root, x);
    case 'promptfoo':
      return extractPromptfoo(root, x);
    case 'continue':
      return extractContinue(root, x);
    case 'crewai':
      return extractCrew(root, x);
    case 'claude-settings':
      return extractClaudeSettings(root, x);
    case 'github-models-prompt':
      return extractGithubModels(root, x);
    case 'semantic-kernel':
      return extractSemanticKernel(root, x);
    case 'dify':
      return extractDify(root, x);
    case 'flowise':
      return extractFlowise(root, x);
    case 'langflow':
      return extractLangflow(root, x);
    case 'n8n':
      return extractN8n(root, x);
    case 'mcp-tools':
      x.nodes.push(...tools(root, [], x));
      // Signature files: the server's own instructions reach the model like a system prompt.
      x.context(get(get(root, 'metadata'), 'instructions'), 'instructions');
      x.context(get(root, 'instructions'), 'instructions');
      for (const k of ['prompts', 'resources', 'resource_templates', 'resourceTemplates']) {
        const list = get(root, k);
        if (isArray(list)) for (const item of list.items) for (const d of ['description', 'title']) x.context(get(item, d), 'tool-description');
      }
      return;
    case 'mcp-config':
    case 'vscode-settings':
      x.nodes.push(...mcpServers(root, x));
      return;
    default:
      x.nodes.push(...mcpServers(root, x));
      if (hasToolList(root)) x.nodes.push(...tools(root, [], x));
  }
}

/** A `tools` list of definitions with schemas somewhere near the top (an agent config that declares tools). */
function hasToolList(root: JNode): boolean {
  let found = false;
  const visit = (n: JNode | undefined, depth: number) => {
    if (found || !isObject(n) || depth > 4) return;
    for (const e of n.entries) {
      if (e.key === 'tools' && isArray(e.value) && e.value.items.some((t) => isObject(get(t, 'inputSchema') ?? get(t, 'input_schema') ?? get(get(t, 'function'), 'parameters')))) found = true;
      else visit(e.value, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

/** Build segments and typed nodes from parsed structured roots. Never throws on odd shapes. */
export function buildStructured(roots: readonly JNode[], fileName: string, forcedKind?: DocumentKind): StructuredParts {
  const kind = forcedKind ?? sniffKind(roots[0], fileName);
  const x = new Extraction();
  for (const root of roots) {
    extract(kind, root, x);
    if (!MODEL_AWARE_KINDS.has(kind)) x.nodes.push(...findModels(root, [], x.claimed));
  }
  const segments: TextSegment[] = [];
  for (const root of roots) {
    walkStrings(root, (n, path, key) => {
      segments.push(toSegment(n, path, x.contexts.get(n) ?? contextFor(kind, path, key)));
    });
  }
  return { kind, segments, nodes: x.nodes };
}
