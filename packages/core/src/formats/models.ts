import type { ModelNode, StringField } from '../types.ts';
import { isReference } from '../util/hosts.ts';
import { composeMap, sliceMap } from '../util/position.ts';
import { parseJson } from './json.ts';
import { get, isArray, isObject, isString, str, toField, type JNode, type JObject, type JScalar, type Path } from './tree.ts';

/**
 * LLM client configurations -> ModelNode. Endpoint, proxy and header fields are only read where an adapter
 * knows it stands in an LLM client configuration (a LangChain model constructor, a Prompty `model`, an
 * AutoGen entry, a promptfoo provider...) or where a key names a provider outright (`openai_api_base`),
 * so an HTTP node's `url`, a docs link or an MCP server `url` never becomes a model endpoint.
 */

/** Key normalisation: lower case without `_` and `-` (`base_url`, `baseURL`, `base-url` -> `baseurl`). */
export function normKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** Endpoint keys of an LLM client configuration. */
const ENDPOINT_KEYS = new Set([
  'baseurl', 'apibase', 'apibaseurl', 'openaiapibase', 'openaibaseurl', 'openaiapibaseurl', 'anthropicapiurl', 'anthropicbaseurl',
  'apiurl', 'azureendpoint', 'azureopenaiendpoint', 'azureopenaibasepath', 'azureopenaiapibasepath', 'basepath', 'apihost', 'host',
  'url', 'endpoint', 'endpointurl', 'apiendpoint', 'serverurl', 'ollamabaseurl', 'ollamahost', 'inferenceendpoint', 'baseapiurl',
]);
/** Keys that name an LLM endpoint or proxy by themselves, wherever they stand. */
const PROVIDER_ENDPOINT_KEYS = new Set([
  'openaiapibase', 'openaibaseurl', 'openaiapibaseurl', 'anthropicapiurl', 'anthropicbaseurl', 'azureopenaiendpoint', 'azureopenaibasepath',
  'azureopenaiapibasepath', 'ollamabaseurl',
]);
const PROXY_KEYS = new Set(['proxy', 'proxyurl', 'httpsproxy', 'httpproxy', 'allproxy', 'openaiproxy', 'anthropicproxy']);
const PROVIDER_PROXY_KEYS = new Set(['openaiproxy', 'anthropicproxy']);
const HEADER_KEYS = new Set(['headers', 'defaultheaders', 'additionalheaders', 'extraheaders', 'customheaders', 'httpheaders']);
/** Nested objects of a client configuration that hold more client settings. */
const NESTED_KEYS = new Set(['configuration', 'clientoptions', 'clientkwargs', 'requestoptions', 'connection', 'httpoptions', 'client']);
/** Credential keys (`api_key`, `openAIApiKey`, `azure_ad_token`, `password`), not token counts. */
const CREDENTIAL_KEY = /(?:apikey|accesskey|secretkey|authtoken|adtoken|accesstoken|token|secret|password)$/;
const NOT_CREDENTIAL = /(?:max|num|stop|new|output|input|total)tokens?$|tokenizer|secretname$/;
const MODEL_KEYS = ['model', 'model_name', 'modelName', 'model_id', 'modelId', 'deployment_name', 'deploymentName', 'azure_deployment', 'azureDeployment', 'deployment'];

export function isCredentialKey(key: string): boolean {
  const k = normKey(key);
  return CREDENTIAL_KEY.test(k) && !NOT_CREDENTIAL.test(k);
}

/** A literal value worth recording: not empty, not an environment or template reference. */
export function isLiteral(value: string): boolean {
  const v = value.trim();
  return v !== '' && !isReference(v);
}

/** Field buckets of one model node. */
export interface ModelFields {
  readonly endpoints: StringField[];
  readonly proxies: StringField[];
  readonly headers: StringField[];
  readonly credentials: StringField[];
}

export function emptyFields(): ModelFields {
  return { endpoints: [], proxies: [], headers: [], credentials: [] };
}

export function hasFields(f: ModelFields): boolean {
  return f.endpoints.length + f.proxies.length + f.headers.length + f.credentials.length > 0;
}

export interface ClassifyOptions {
  /** Read generic endpoint keys (`url`, `host`, `endpoint`): only for objects known to configure an LLM client. */
  readonly endpoints?: boolean;
  /** Descend into nested client settings (`configuration`, `client_options`, `requestOptions`...). */
  readonly nested?: boolean;
  /** Extra keys (normalised) to skip. */
  readonly skip?: ReadonlySet<string>;
  /** Key path of an entry's value (default `[...path, key]`; Langflow values sit at `<field>.value`). */
  readonly valuePath?: (path: Path, key: string) => Path;
}

/**
 * Sort the entries of one LLM client configuration object into endpoints, proxies, headers and literal
 * credentials. Values that are not strings (LangChain secret nodes, numbers) are not credentials.
 */
export function classifyModelObject(obj: JObject, path: Path, into: ModelFields, options: ClassifyOptions = {}, depth = 0): void {
  if (depth > 4) return;
  const endpoints = options.endpoints ?? true;
  for (const e of obj.entries) {
    const k = normKey(e.key);
    const v = e.value;
    const p = options.valuePath ? options.valuePath(path, e.key) : [...path, e.key];
    if (options.skip?.has(k)) continue;
    if (isString(v)) {
      if (!v.value.trim()) continue;
      if (ENDPOINT_KEYS.has(k) && (endpoints || PROVIDER_ENDPOINT_KEYS.has(k))) into.endpoints.push(toField(e.key, p, v));
      else if (PROXY_KEYS.has(k) && (endpoints || PROVIDER_PROXY_KEYS.has(k))) into.proxies.push(toField(e.key, p, v));
      else if (HEADER_KEYS.has(k)) into.headers.push(...headerFields(v, p));
      else if (isCredentialKey(e.key) && isLiteral(v.value)) into.credentials.push(toField(e.key, p, v));
    } else if (HEADER_KEYS.has(k) && v) {
      into.headers.push(...headerFields(v, p));
    } else if (isObject(v) && options.nested !== false && NESTED_KEYS.has(k)) {
      classifyModelObject(v, p, into, options, depth + 1);
    }
  }
}

/**
 * Header entries from a map (`{Name: value}`), a list of `{key|name, value}` pairs, a `Name: value` per
 * line string, or a JSON object in a string (Flowise `baseOptions`). Each field's key is the header name.
 */
export function headerFields(n: JNode, path: Path): StringField[] {
  const out: StringField[] = [];
  if (isObject(n)) {
    for (const h of n.entries) if (isString(h.value)) out.push(toField(h.key, [...path, h.key], h.value));
  } else if (isArray(n)) {
    n.items.forEach((item, i) => {
      const name = str(get(item, 'key', 'name'));
      const value = get(item, 'value');
      if (name && isString(value)) out.push(toField(name, [...path, i, 'value'], value));
    });
  } else if (isString(n)) {
    const t = n.value.trim();
    if (t.startsWith('{')) out.push(...jsonStringObject(n, path));
    else out.push(...headerLines(n, path));
  }
  return out;
}

/** `Name: value` lines of a string, each as a field with an exact map. */
function headerLines(n: JScalar & { value: string }, path: Path): StringField[] {
  const out: StringField[] = [];
  const re = /^[ \t]*([A-Za-z0-9][\w-]{0,100})[ \t]*:[ \t]*(?![ \t])((?:.*[^ \t\n\r\u2028\u2029])?)[ \t]*$/gm;
  for (const m of n.value.matchAll(re)) {
    const from = m.index + m[0].indexOf(m[2]!, m[0].indexOf(':') + 1);
    const to = from + m[2]!.length;
    const map = sliceMap(n.map ?? { base: n.start }, from, to);
    out.push({ key: m[1]!, path: [...path, m[1]!], value: m[2]!, start: map.offsets ? map.offsets[0]! : map.base, end: map.offsets ? map.offsets[map.offsets.length - 1]! : map.base + m[2]!.length, map });
  }
  return out;
}

/** The string members of a JSON object written inside a string value, with maps back to the file. */
export function jsonStringObject(n: JScalar & { value: string }, path: Path): StringField[] {
  const inner = parseJson(n.value);
  if (inner.error || !isObject(inner.root)) return [];
  const outer = n.map ?? { base: n.start };
  const out: StringField[] = [];
  for (const e of inner.root.entries) {
    const v = e.value;
    if (!isString(v)) continue;
    const map = composeMap(outer, v.map ?? { base: v.start }, v.value.length);
    out.push({ key: e.key, path: [...path, e.key], value: v.value, start: map.offsets![0]!, end: map.offsets![v.value.length]!, map });
  }
  return out;
}

/** A model node over `obj` with the given fields (provider and model name read from common keys unless given). */
export function modelNode(obj: JNode, fields: ModelFields, provider?: string, model?: string): ModelNode {
  return {
    type: 'model',
    start: obj.start,
    end: obj.end,
    provider: provider ?? str(get(obj, 'provider', 'api_type', 'apiType', 'type')),
    model: model ?? modelName(obj),
    ...fields,
  };
}

export function modelName(obj: JNode | undefined): string | undefined {
  const v = get(obj, ...MODEL_KEYS);
  return str(v) ?? str(get(v, 'value'));
}

/** A model node for an object known to configure an LLM client (always returned, fields or not). */
export function modelFromObject(obj: JObject, path: Path, provider?: string, model?: string, options: ClassifyOptions = {}): ModelNode {
  const fields = emptyFields();
  classifyModelObject(obj, path, fields, options);
  return modelNode(obj, fields, provider, model);
}

// ------------------------------------------------------------------------------------ environment

const LLM_ENV_PREFIX =
  '(?:OPENAI|ANTHROPIC|ANTHROPIC_BEDROCK|ANTHROPIC_VERTEX|CLAUDE|AZURE_OPENAI|AZURE_AI|AZURE_INFERENCE|OLLAMA|GEMINI|GOOGLE_GEMINI|GOOGLE_GENAI|GOOGLE_AI|VERTEX|VERTEX_AI|MISTRAL|GROQ|DEEPSEEK|COHERE|CO|TOGETHER|FIREWORKS|OPENROUTER|LITELLM|LITELLM_PROXY|XAI|GROK|PERPLEXITY|HUGGINGFACE|HF|HF_INFERENCE|MOONSHOT|DASHSCOPE|ZHIPUAI|QWEN|VOYAGE|REPLICATE|BEDROCK|LLM|LM_STUDIO|LMSTUDIO|VLLM|CEREBRAS|NVIDIA|NIM|SAMBANOVA|AI21|ANYSCALE|PORTKEY|HELICONE)';
/** SDK environment variables that move an LLM client's base URL (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, `OLLAMA_HOST`). */
const ENV_ENDPOINT = new RegExp(`^${LLM_ENV_PREFIX}_(?:API_)?(?:BASE_URL|BASE|URL|ENDPOINT|HOST|BASE_PATH)$`);
const ENV_PROXY = new RegExp(`^${LLM_ENV_PREFIX}_PROXY$`);
/** Proxies every client of a process uses: LLM traffic only where the process is an LLM client (Claude Code settings). */
const ENV_GENERAL_PROXY = /^(?:HTTPS?_PROXY|ALL_PROXY)$/i;
const ENV_CREDENTIAL = new RegExp(`^${LLM_ENV_PREFIX}_(?:API_KEY|AUTH_TOKEN|KEY|TOKEN|AD_TOKEN)$`);
/** Claude Code: extra headers on every API request, one `Name: value` per line. */
const ENV_HEADERS = /^ANTHROPIC_CUSTOM_HEADERS$/;
const ENV_CONTAINER = /^(?:env|environment|envs)$/i;

export interface EnvOptions {
  /** Read `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` as model proxies (the process is an LLM client). */
  readonly generalProxies?: boolean;
}

/** Env entries of a map (`{K: v}`) or a list of `K=v` strings, as (key, field) pairs. */
function envEntries(env: JNode, path: Path): { key: string; field: StringField }[] {
  const out: { key: string; field: StringField }[] = [];
  if (isObject(env)) {
    for (const e of env.entries) if (isString(e.value)) out.push({ key: e.key, field: toField(e.key, [...path, e.key], e.value) });
  } else if (isArray(env)) {
    env.items.forEach((item, i) => {
      if (!isString(item)) return;
      const eq = item.value.indexOf('=');
      if (eq <= 0) return;
      const key = item.value.slice(0, eq).trim();
      const map = sliceMap(item.map ?? { base: item.start }, eq + 1, item.value.length);
      const value = item.value.slice(eq + 1);
      const start = map.offsets ? map.offsets[0]! : map.base;
      out.push({ key, field: { key, path: [...path, i], value, start, end: start + value.length, map } });
    });
  }
  return out;
}

/** The model node of an environment map that redirects an LLM SDK, if it does. */
export function envModel(env: JNode, path: Path, options: EnvOptions = {}): ModelNode | undefined {
  const fields = emptyFields();
  for (const { key, field } of envEntries(env, path)) {
    if (!field.value.trim()) continue;
    if (ENV_ENDPOINT.test(key)) fields.endpoints.push(field);
    else if (ENV_PROXY.test(key) || (options.generalProxies && ENV_GENERAL_PROXY.test(key))) fields.proxies.push(field);
    else if (ENV_HEADERS.test(key)) {
      const n = { kind: 'string' as const, value: field.value, start: field.start, end: field.end, map: field.map };
      fields.headers.push(...headerLines(n, field.path));
    } else if (ENV_CREDENTIAL.test(key) && isLiteral(field.value)) fields.credentials.push(field);
  }
  if (!fields.endpoints.length && !fields.proxies.length && !fields.headers.length) return undefined;
  return modelNode(env, fields, 'environment', undefined);
}

// ---------------------------------------------------------------------------------------- generic

const MODEL_IDENTITY = ['model', 'model_name', 'modelName', 'deployment_name', 'azure_deployment', 'azureDeployment', 'api_type', 'apiType', 'model_provider'];

/**
 * Model configurations in a document of no known kind, conservatively: environment maps that redirect an
 * LLM SDK; objects that name a model (`model`, `deployment_name`...) and set a base URL, proxy or headers;
 * and provider-specific keys (`openai_api_base`, `anthropic_api_url`) wherever they stand.
 * `skip` holds subtrees another extractor owns (an MCP server's `env` is read with the server).
 */
export function findModels(root: JNode | undefined, basePath: Path = [], skip: ReadonlySet<JNode> = new Set()): ModelNode[] {
  const out: ModelNode[] = [];
  const visit = (n: JNode | undefined, path: Path, depth: number): void => {
    if (!n || depth > 200 || skip.has(n)) return;
    if (n.kind === 'array') {
      n.items.forEach((c, i) => visit(c, [...path, i], depth + 1));
      return;
    }
    if (n.kind !== 'object') return;
    const last = path[path.length - 1];
    if (typeof last === 'string' && ENV_CONTAINER.test(last)) {
      const m = envModel(n, path);
      if (m) out.push(m);
      return;
    }
    const named = MODEL_IDENTITY.some((k) => isString(get(n, k)));
    const fields = emptyFields();
    classifyModelObject(n, path, fields, { endpoints: named });
    if (fields.endpoints.length || fields.proxies.length || (named && fields.headers.length)) out.push(modelNode(n, named ? fields : { ...fields, headers: [], credentials: [] }));
    for (const e of n.entries) {
      if (isObject(e.value) && NESTED_KEYS.has(normKey(e.key)) && named) continue; // read with its parent
      if (isArray(e.value) && ENV_CONTAINER.test(e.key)) {
        const m = envModel(e.value, [...path, e.key]);
        if (m) out.push(m);
        continue;
      }
      visit(e.value, [...path, e.key], depth + 1);
    }
  };
  visit(root, basePath, 0);
  return out;
}
