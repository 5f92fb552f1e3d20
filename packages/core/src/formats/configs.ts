import type { SegmentContext } from '../types.ts';
import type { Extraction } from './extraction.ts';
import { envModel, modelFromObject, modelName } from './models.ts';
import { mcpServers, toolNode } from './mcp.ts';
import { get, isArray, isObject, isString, str, toSegment, type JNode, type JObject, type Path } from './tree.ts';

/**
 * Agent, eval and prompt configurations (formats.md §4, §5): AutoGen, promptfoo, Continue, CrewAI,
 * Claude Code settings, GitHub Models `.prompt.yml`, Semantic Kernel prompt YAML.
 */

/** Context of a chat message by its role. */
export function roleContext(role: string | undefined): SegmentContext {
  return role && /^(?:system|developer)$/i.test(role) ? 'system-message' : 'message';
}

/** A prompt message node over a message object `{role, content}` (or any object holding the text). */
export function messageNode(owner: JNode, text: JNode | undefined, path: Path, x: Extraction, role?: string, templateFormat?: string): void {
  if (!isString(text)) return;
  const ctx = roleContext(role);
  x.context(text, ctx);
  x.nodes.push({ type: 'prompt-message', start: owner.start, end: owner.end, role, templateFormat, template: toSegment(text, path, ctx) });
}

/** AutoGen `OAI_CONFIG_LIST`: every entry configures a client (`base_url`/`api_base`, `api_key`). */
export function extractAutogen(root: JNode, x: Extraction): void {
  if (!isArray(root)) return;
  root.items.forEach((item, i) => {
    if (!isObject(item)) return;
    x.claimed.add(item);
    x.nodes.push(modelFromObject(item, [i], str(get(item, 'api_type')) ?? 'openai'));
  });
}

/**
 * promptfoo: `providers` (strings, `{id, config}` objects or `{id: config}` maps) configure LLM clients
 * (`config.apiBaseUrl`, `apiHost`, `url`, `headers`, `apiKey`); a top-level `env` map redirects SDKs;
 * `prompts` are prompts (test `vars` are test data, not prompts).
 */
export function extractPromptfoo(root: JNode, x: Extraction): void {
  const visitProviders = (providers: JNode | undefined, path: Path) => {
    const list = isArray(providers) ? providers.items.map((p, i) => ({ p, path: [...path, i] as Path })) : providers ? [{ p: providers, path }] : [];
    for (const { p, path: pp } of list) {
      if (!isObject(p)) continue;
      const id = str(get(p, 'id'));
      const config = get(p, 'config');
      if (id !== undefined || isObject(config)) {
        x.claimed.add(p);
        const node = isObject(config) ? config : p;
        const m = modelFromObject(node, isObject(config) ? [...pp, 'config'] : pp, id, str(get(config, 'model')) ?? id);
        x.nodes.push({ ...m, start: p.start, end: p.end });
        continue;
      }
      // `- openai:gpt-4: {config: {...}}` map form.
      for (const e of p.entries) {
        if (!isObject(e.value)) continue;
        x.claimed.add(e.value);
        const cfg = get(e.value, 'config');
        const node = isObject(cfg) ? cfg : e.value;
        const m = modelFromObject(node, [...pp, e.key, ...(isObject(cfg) ? ['config'] : [])], e.key, e.key);
        x.nodes.push({ ...m, start: e.value.start, end: e.value.end });
      }
    }
  };
  visitProviders(get(root, 'providers', 'targets'), [get(root, 'providers') ? 'providers' : 'targets']);
  const defaultTest = get(root, 'defaultTest');
  visitProviders(get(get(defaultTest, 'options'), 'provider'), ['defaultTest', 'options', 'provider']);
  const env = get(root, 'env');
  if (isObject(env)) {
    const m = envModel(env, ['env'], { generalProxies: true });
    if (m) x.nodes.push(m);
    x.claimed.add(env);
  }
  const prompts = get(root, 'prompts');
  if (isArray(prompts)) {
    prompts.items.forEach((p, i) => {
      if (isString(p)) x.context(p, 'message');
      else if (isObject(p)) {
        x.context(get(p, 'raw'), 'message');
        x.context(get(p, 'content'), roleContext(str(get(p, 'role'))));
      } else if (isArray(p)) p.items.forEach((m, j) => messageNode(m, get(m, 'content'), ['prompts', i, j, 'content'], x, str(get(m, 'role'))));
    });
  }
  // Red-team and test inputs are data for the eval, not instructions to this project's model.
  const tests = get(root, 'tests');
  if (tests) x.contextDeep(tests, 'config-value');
  x.contextDeep(get(defaultTest, 'vars'), 'config-value');
}

/**
 * Continue `config.yaml` / `config.json`: `models[]` (`apiBase`, `apiKey`, `requestOptions{proxy, headers}`),
 * single-model slots, `mcpServers` (a list), system messages, `rules` and `prompts`.
 */
export function extractContinue(root: JNode, x: Extraction): void {
  const model = (m: JNode | undefined, path: Path) => {
    if (!isObject(m)) return;
    x.claimed.add(m);
    x.nodes.push(modelFromObject(m, path, str(get(m, 'provider')), modelName(m)));
    const chat = get(m, 'chatOptions');
    for (const k of ['baseSystemMessage', 'baseAgentSystemMessage', 'basePlanSystemMessage']) x.context(get(chat, k), 'system-message');
    x.context(get(m, 'systemMessage'), 'system-message');
  };
  const models = get(root, 'models');
  if (isArray(models)) models.items.forEach((m, i) => model(m, ['models', i]));
  for (const k of ['tabAutocompleteModel', 'embeddingsProvider', 'reranker']) {
    const v = get(root, k);
    if (isArray(v)) v.items.forEach((m, i) => model(m, [k, i]));
    else model(v, [k]);
  }
  x.context(get(root, 'systemMessage'), 'system-message');
  const rules = get(root, 'rules');
  if (isArray(rules)) {
    for (const r of rules.items) {
      if (isString(r)) x.context(r, 'instructions');
      else x.context(get(r, 'rule'), 'instructions');
    }
  }
  const prompts = get(root, 'prompts');
  if (isArray(prompts)) for (const p of prompts.items) x.context(get(p, 'prompt'), 'message');
  x.nodes.push(...mcpServers(root, x));
}

/** CrewAI `agents.yaml` / `tasks.yaml`: agent persona and task text are instructions; `llm` configures a client. */
export function extractCrew(root: JNode, x: Extraction): void {
  if (!isObject(root)) return;
  for (const e of root.entries) {
    const v = e.value;
    if (!isObject(v)) continue;
    for (const k of ['role', 'goal', 'backstory', 'description', 'expected_output', 'system_template', 'prompt_template', 'response_template']) {
      x.context(get(v, k), 'instructions');
    }
    const llm = get(v, 'llm');
    if (isObject(llm)) {
      x.claimed.add(llm);
      x.nodes.push(modelFromObject(llm, [e.key, 'llm']));
    }
  }
}

/** Claude Code `.claude/settings.json`: `env` redirects the client (`ANTHROPIC_BASE_URL`, proxies, custom headers). */
export function extractClaudeSettings(root: JNode, x: Extraction): void {
  const env = get(root, 'env');
  if (env) {
    x.claimed.add(env);
    const m = envModel(env, ['env'], { generalProxies: true });
    if (m) x.nodes.push(m);
  }
  x.nodes.push(...mcpServers(root, x));
}

/** GitHub Models `.prompt.yml`: `messages[]` with roles (mustache `{{var}}` templates). */
export function extractGithubModels(root: JNode, x: Extraction): void {
  const messages = get(root, 'messages');
  if (!isArray(messages)) return;
  messages.items.forEach((m, i) => {
    if (!isObject(m)) return;
    messageNode(m, get(m, 'content'), ['messages', i, 'content'], x, str(get(m, 'role')), 'mustache');
    x.context(get(m, 'role'), 'config-value');
  });
  // Test data fills the template at eval time: data, not instructions.
  x.contextDeep(get(root, 'testData'), 'config-value');
}

/**
 * Semantic Kernel prompt YAML: `template` (format from `template_format`); the function `description` and
 * `input_variables[].description` become the function definition the model sees when it may call it.
 */
export function extractSemanticKernel(root: JNode, x: Extraction): void {
  if (!isObject(root)) return;
  const template = get(root, 'template');
  const format = str(get(root, 'template_format')) ?? 'semantic-kernel';
  if (isString(template)) {
    const system = /<message\s+role=["']system["']/i.test(template.value);
    messageNode(root, template, ['template'], x, system ? 'system' : undefined, format);
  }
  const name = str(get(root, 'name'));
  if (name) {
    const vars = get(root, 'input_variables');
    const fn: JObject = { kind: 'object', start: root.start, end: root.end, entries: root.entries.filter((e) => e.key === 'description' || e.key === 'input_variables' || e.key === 'output_variable') };
    x.nodes.push(toolNode(fn, name, [], vars, x));
  }
}
