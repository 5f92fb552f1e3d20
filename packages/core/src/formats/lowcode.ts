import type { Extraction } from './extraction.ts';
import { messageNode } from './configs.ts';
import { emptyFields, classifyModelObject, headerFields, modelNode, normKey, isLiteral } from './models.ts';
import { mcpServer, toolNode } from './mcp.ts';
import { get, isArray, isObject, isString, str, toField, type JEntry, type JNode, type JObject, type Path } from './tree.ts';

/**
 * Low-code exports (formats.md §5): Dify DSL, Flowise, Langflow and n8n. Each names its node types, so only
 * LLM nodes become models; an HTTP node's URL stays a plain config value.
 */

// ----------------------------------------------------------------------------------------------- Dify

/** Dify DSL (`kind: app`): prompts per node with roles, instructions, agent MCP servers, code. */
export function extractDify(root: JNode, x: Extraction): void {
  const graph = get(get(root, 'workflow'), 'graph');
  const nodes = get(graph, 'nodes');
  if (isArray(nodes)) {
    nodes.items.forEach((node, i) => {
      const data = get(node, 'data');
      if (isObject(data)) difyNode(data, ['workflow', 'graph', 'nodes', i, 'data'], x);
    });
  }
  // Chat / agent apps keep their prompt in `model_config`.
  const mc = get(root, 'model_config');
  if (isObject(mc)) {
    const pre = get(mc, 'pre_prompt');
    messageNode(mc, pre, ['model_config', 'pre_prompt'], x, 'system', 'dify');
    x.context(get(mc, 'opening_statement'), 'config-value');
  }
}

function difyNode(data: JObject, path: Path, x: Extraction): void {
  const type = str(get(data, 'type'));
  const pt = get(data, 'prompt_template');
  if (isArray(pt)) {
    pt.items.forEach((m, j) => {
      const jinja = str(get(m, 'edition_type')) === 'jinja2';
      const key = jinja && isString(get(m, 'jinja2_text')) ? 'jinja2_text' : 'text';
      messageNode(m, get(m, key), [...path, 'prompt_template', j, key], x, str(get(m, 'role')), jinja ? 'jinja2' : 'dify');
    });
  } else if (isObject(pt)) {
    messageNode(pt, get(pt, 'text'), [...path, 'prompt_template', 'text'], x, undefined, 'dify');
  }
  x.context(get(data, 'instruction'), 'instructions');
  x.context(get(data, 'instructions'), 'instructions');
  if (type === 'code') x.context(get(data, 'code'), 'code');
  if (type === 'template-transform') x.context(get(data, 'template'), 'message');
  const agent = get(data, 'agent_parameters');
  if (isObject(agent)) {
    const value = (k: string) => get(get(agent, k), 'value');
    x.context(value('instruction'), 'instructions');
    x.context(value('query'), 'message');
    const mcp = value('mcp_server');
    if (isString(mcp)) {
      // A remote MCP server for the agent: `mcp_server.value` is its URL.
      const name = str(get(data, 'title')) ?? 'mcp_server';
      const p = [...path, 'agent_parameters', 'mcp_server', 'value'];
      x.nodes.push({ type: 'mcp-server', name, start: mcp.start, end: mcp.end, url: toField('url', p, mcp), args: [], env: [], headers: [], autoApprove: [] });
    }
  }
  // Question classifier classes and parameter-extractor descriptions are read by the model.
  const classes = get(data, 'classes');
  if (isArray(classes)) for (const c of classes.items) x.context(get(c, 'name'), 'instructions');
}

// -------------------------------------------------------------------------------------------- Flowise

const FLOWISE_MODEL_CATEGORIES = /^(?:Chat Models|LLMs|Embeddings)$/;
const FLOWISE_SYSTEM = /^(?:systemMessage|systemMessagePrompt|systemPrompt)$/;
const FLOWISE_PROMPT = /^(?:template|prompt|humanMessagePrompt|promptTemplate|query)$/;
const FLOWISE_CODE = /^(?:customCode|func|code|javascriptFunction|jsCode)$/;

/** Flowise chatflows / agentflows (`nodes[].data.inputs`) and custom tool exports (`{name, description, schema, func}`). */
export function extractFlowise(root: JNode, x: Extraction): void {
  if (isString(get(root, 'func')) && isObject(root)) {
    flowiseTool(root, [], x);
    return;
  }
  const nodes = get(root, 'nodes');
  if (!isArray(nodes)) return;
  nodes.items.forEach((node, i) => {
    const data = get(node, 'data');
    const inputs = get(data, 'inputs');
    if (!isObject(data) || !isObject(inputs)) return;
    const path: Path = ['nodes', i, 'data', 'inputs'];
    const category = str(get(data, 'category')) ?? '';
    const name = str(get(data, 'name'));
    if (FLOWISE_MODEL_CATEGORIES.test(category)) {
      x.claimed.add(inputs);
      x.nodes.push(flowiseModel(inputs, path, name));
    }
    for (const e of inputs.entries) {
      const v = e.value;
      const p = [...path, e.key];
      if (FLOWISE_SYSTEM.test(e.key)) x.context(v, 'system-message');
      else if (FLOWISE_PROMPT.test(e.key)) x.context(v, 'message');
      else if (FLOWISE_CODE.test(e.key)) x.context(v, 'code');
      else if (/Instructions$/.test(e.key)) x.context(v, 'instructions');
      else if (/ModelConfig$/.test(e.key) && isObject(v)) {
        // Agentflow v2: `agentModel: "chatOpenAI"` + `agentModelConfig: {modelName, basepath, proxyUrl...}`.
        x.claimed.add(v);
        x.nodes.push(flowiseModel(v, p, str(get(inputs, e.key.replace(/Config$/, '')))));
      } else if (/Messages$/.test(e.key) && isArray(v)) {
        v.items.forEach((m, j) => messageNode(m, get(m, 'content'), [...p, j, 'content'], x, str(get(m, 'role'))));
      }
    }
    if (name === 'customTool' && isString(get(inputs, 'description'))) flowiseTool(inputs, path, x);
  });
}

function flowiseModel(inputs: JObject, path: Path, provider: string | undefined) {
  const fields = emptyFields();
  classifyModelObject(inputs, path, fields, { endpoints: true });
  // `baseOptions` holds extra request headers (an object, or JSON in a string).
  const base = get(inputs, 'baseOptions');
  if (base) fields.headers.push(...headerFields(base, [...path, 'baseOptions']));
  return modelNode(inputs, fields, provider, str(get(inputs, 'modelName', 'model')));
}

function flowiseTool(tool: JObject, path: Path, x: Extraction): void {
  const name = str(get(tool, 'name', 'toolName')) ?? 'tool';
  x.context(get(tool, 'func'), 'code');
  x.nodes.push(toolNode(tool, name, path, undefined, x));
}

// ------------------------------------------------------------------------------------------- Langflow

const LANGFLOW_MODEL_BASES = new Set(['LanguageModel', 'BaseLanguageModel', 'Embeddings', 'BaseChatModel', 'LLM']);
const LANGFLOW_SYSTEM = new Set(['systemprompt', 'systemmessage', 'system']);
const LANGFLOW_PROMPT = new Set(['template', 'prompt', 'inputvalue', 'humanmessage']);
const LANGFLOW_INSTRUCTIONS = new Set(['formatinstructions', 'instructions', 'agentdescription']);

/**
 * Langflow flows (`data.nodes[].data.node.template`) and single-component exports (`data.node.template`).
 * A template field is `{value, password, load_from_db, ...}`: `load_from_db: true` means the value names a
 * global variable, so only literal values count as endpoints or credentials.
 */
export function extractLangflow(root: JNode, x: Extraction): void {
  const data = get(root, 'data');
  const visitNodes = (nodes: JNode | undefined, path: Path, depth: number) => {
    if (!isArray(nodes) || depth > 8) return;
    nodes.items.forEach((n, i) => {
      const node = get(get(n, 'data'), 'node');
      if (isObject(node)) langflowNode(node, [...path, i, 'data', 'node'], x);
      // Grouped components keep their own flow.
      const inner = get(get(node, 'flow'), 'data');
      visitNodes(get(inner, 'nodes'), [...path, i, 'data', 'node', 'flow', 'data', 'nodes'], depth + 1);
    });
  };
  if (isArray(get(data, 'nodes'))) visitNodes(get(data, 'nodes'), ['data', 'nodes'], 0);
  else if (isObject(get(data, 'node'))) langflowNode(get(data, 'node') as JObject, ['data', 'node'], x);
}

function langflowNode(node: JObject, path: Path, x: Extraction): void {
  const template = get(node, 'template');
  if (!isObject(template)) return;
  const tPath = [...path, 'template'];
  const bases = get(node, 'base_classes');
  const baseNames = isArray(bases) ? bases.items.map((b) => str(b) ?? '') : [];
  const fieldsByKey = new Map<string, JObject>();
  for (const e of template.entries) if (isObject(e.value) && get(e.value, 'value') !== undefined) fieldsByKey.set(e.key, e.value);
  const isModel = baseNames.some((b) => LANGFLOW_MODEL_BASES.has(b)) || fieldsByKey.has('model_name') || fieldsByKey.has('agent_llm');

  // Contexts by field name.
  for (const [key, f] of fieldsByKey) {
    const k = normKey(key);
    const v = get(f, 'value');
    if (key === 'code') x.context(v, 'code');
    else if (LANGFLOW_SYSTEM.has(k)) x.context(v, 'system-message');
    else if (LANGFLOW_PROMPT.has(k)) x.context(v, 'message');
    else if (LANGFLOW_INSTRUCTIONS.has(k)) x.context(v, 'instructions');
    else if (key === 'tool_description') x.context(v, 'tool-description');
    else if (key === 'tools_metadata' && isArray(v)) {
      // The tools this component exposes to an agent: `{name, description, args: {param: {description}}}`.
      v.items.forEach((t, i) => {
        if (!isObject(t)) return;
        const args = get(t, 'args');
        const params = isObject(args) ? args.entries.map((e) => e.key) : [];
        x.nodes.push(toolNode(t, str(get(t, 'name')) ?? String(i), [...tPath, key, 'value', i], args, x, params));
      });
    }
  }

  // MCP tools component: `mcp_server.value = {name, config: {command, args, env, url, headers}}`.
  const mcp = get(fieldsByKey.get('mcp_server'), 'value');
  if (isObject(mcp)) {
    const config = get(mcp, 'config');
    const p = [...tPath, 'mcp_server', 'value'];
    if (isObject(config)) x.nodes.push({ ...mcpServer(str(get(mcp, 'name')) ?? 'mcp_server', config, [...p, 'config']), start: mcp.start, end: mcp.end });
  }

  if (!isModel) return;
  // A flattened view `{field: value}` of the literal values, classified like any client configuration.
  const fields = emptyFields();
  const entries: JEntry[] = [];
  for (const [key, f] of fieldsByKey) {
    const v = get(f, 'value');
    if (!v || isTrue(get(f, 'load_from_db'))) continue;
    if (isTrue(get(f, 'password'))) {
      // A secret input holding a literal value: a credential whatever the field is called.
      if (isString(v) && isLiteral(v.value)) fields.credentials.push(toField(key, [...tPath, key, 'value'], v));
      continue;
    }
    entries.push({ key, keyStart: f.start, keyEnd: f.start, value: v });
  }
  const literal: JObject = { kind: 'object', start: template.start, end: template.end, entries };
  classifyModelObject(literal, tPath, fields, { endpoints: true, nested: false, valuePath: (p, key) => [...p, key, 'value'] });
  const model = str(get(fieldsByKey.get('model_name') ?? fieldsByKey.get('model'), 'value'));
  x.nodes.push(modelNode(node, fields, str(get(node, 'display_name')), model));
}

// ------------------------------------------------------------------------------------------------ n8n

const N8N_MODEL_TYPE = /\.(?:lmChat\w*|lm\w*|embeddings\w*)$/;
const N8N_CODE = /^(?:jsCode|pythonCode|functionCode|code)$/;

/** n8n workflows (`nodes[]` + `connections`): LLM sub-nodes, agent and chain prompts, tool descriptions, code. */
export function extractN8n(root: JNode, x: Extraction): void {
  const nodes = get(root, 'nodes');
  if (!isArray(nodes)) return;
  nodes.items.forEach((node, i) => {
    const type = str(get(node, 'type')) ?? '';
    const params = get(node, 'parameters');
    if (!isObject(params)) return;
    const path: Path = ['nodes', i, 'parameters'];
    if (/stickyNote$/.test(type)) return; // notes to the workflow's readers
    if (N8N_MODEL_TYPE.test(type)) {
      // `@n8n/n8n-nodes-langchain.lmChatOpenAi` and friends: `options.baseURL`, `options.proxy`...
      x.claimed.add(params);
      const fields = emptyFields();
      classifyModelObject(params, path, fields, { endpoints: true });
      const options = get(params, 'options');
      if (isObject(options)) classifyModelObject(options, [...path, 'options'], fields, { endpoints: true });
      const model = get(params, 'model', 'modelName', 'modelId');
      x.nodes.push(modelNode(node, fields, type.split('.').pop(), str(model) ?? str(get(model, 'value'))));
    }
    if (/mcpClient/i.test(type)) {
      const url = ['sseEndpoint', 'endpointUrl', 'url'].find((k) => isString(get(params, k)));
      if (url) x.nodes.push({ ...mcpServer(str(get(node, 'name')) ?? 'mcp', params, path), start: node.start, end: node.end });
    }
    const options = get(params, 'options');
    x.context(get(options, 'systemMessage'), 'system-message');
    x.context(get(params, 'systemMessage'), 'system-message');
    x.context(get(params, 'text'), 'message');
    x.context(get(params, 'prompt'), 'message');
    x.context(get(params, 'toolDescription'), 'tool-description');
    if (/Tool$|tool\w*$/.test(type)) x.context(get(params, 'description'), 'tool-description');
    for (const e of params.entries) if (N8N_CODE.test(e.key)) x.context(e.value, 'code');
    // OpenAI node: `messages.values[{content, role}]`; chains: `messages.messageValues[{type, message}]`.
    const messages = get(params, 'messages');
    const values = get(messages, 'values');
    if (isArray(values)) values.items.forEach((m, j) => messageNode(m, get(m, 'content'), [...path, 'messages', 'values', j, 'content'], x, str(get(m, 'role')) ?? 'user'));
    const mv = get(messages, 'messageValues');
    if (isArray(mv)) {
      mv.items.forEach((m, j) => {
        const t = str(get(m, 'type')) ?? '';
        messageNode(m, get(m, 'message'), [...path, 'messages', 'messageValues', j, 'message'], x, /^System/.test(t) ? 'system' : 'user');
      });
    }
  });
}

function isTrue(n: JNode | undefined): boolean {
  return n?.kind === 'boolean' && n.value === true;
}
