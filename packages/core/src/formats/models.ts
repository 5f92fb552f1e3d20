import type { ModelNode, StringField } from '../types.ts';
import { get, isObject, isString, str, toField, type JNode, type JObject, type Path } from './tree.ts';

/** Keys that always name a model endpoint, whatever object they sit in. */
const STRONG_ENDPOINT_KEYS = new Set([
  'openai_api_base', 'openai_base_url', 'anthropic_api_url', 'anthropic_base_url', 'azure_endpoint', 'azure_openai_endpoint',
  'azureopenaibasepath', 'azure_openai_base_path', 'ollama_base_url', 'api_base', 'apibase', 'base_url', 'baseurl', 'basepath',
  'apibaseurl', 'api_base_url', 'apihost', 'api_host', 'api_url', 'apiurl', 'openai_api_base_url', 'client_options.api_endpoint',
]);
/** Keys that name an endpoint only inside a model-like object. */
const WEAK_ENDPOINT_KEYS = new Set(['endpoint', 'url', 'host', 'api_endpoint', 'server_url', 'serverurl', 'uri']);
const PROXY_KEYS = new Set(['openai_proxy', 'anthropic_proxy', 'proxy', 'proxyurl', 'proxy_url', 'https_proxy', 'http_proxy', 'all_proxy', 'httpsproxy', 'httpproxy']);
const HEADER_KEYS = new Set(['default_headers', 'defaultheaders', 'headers', 'additional_headers', 'extra_headers', 'custom_headers', 'customheaders']);
const CREDENTIAL_KEY = /(?:^|_|-)(?:api_?key|apikey|token|secret|password|access_key|secret_key|ad_token)$|^(?:apiKey|api_key|key|token|password|secret)$/i;
/** Environment variables that redirect an SDK's traffic. */
const ENV_ENDPOINT = /^(?:[A-Z0-9]+_)*(?:BASE_URL|API_BASE|API_URL|ENDPOINT|API_HOST|BASE_PATH)$/;
const ENV_PROXY = /^(?:HTTPS?_PROXY|ALL_PROXY|https?_proxy|all_proxy|[A-Z0-9]+_PROXY)$/;
const MODEL_HINT_KEYS = ['model', 'model_name', 'modelName', 'deployment_name', 'deployment', 'azure_deployment', 'provider', 'api_type', 'apiType', 'model_provider', 'openai_api_key', 'api_key', 'apiKey', 'temperature', 'max_tokens'];
const MODEL_PATH_HINT = /^(?:model|llm|llms|provider|providers|configuration|connection|client_options|clientoptions|model_config|modelconfig|llm_config|config_list|kwargs|model_kwargs|options|models|chat_model|embedding|embeddings)$/i;
const ENV_CONTAINER = /^(?:env|environment|envs|variables)$/i;

function lcKey(k: string): string {
  return k.toLowerCase();
}

/** Does this object look like an LLM client configuration? */
function looksLikeModel(node: JObject, path: Path): boolean {
  if (MODEL_HINT_KEYS.some((k) => get(node, k) !== undefined)) return true;
  return path.some((p) => typeof p === 'string' && MODEL_PATH_HINT.test(p));
}

/**
 * Find model configurations anywhere in a structured document: an object with endpoint, proxy or header
 * fields (LangChain kwargs, Prompty `model.configuration`, AutoGen entries, promptfoo `providers[].config`,
 * Continue `models[]`), and environment maps that redirect SDK traffic (`OPENAI_BASE_URL`, `HTTPS_PROXY`).
 */
export function findModels(root: JNode | undefined, basePath: Path = []): ModelNode[] {
  const out: ModelNode[] = [];
  const visit = (n: JNode | undefined, path: Path, depth: number): void => {
    if (!n || depth > 200) return;
    if (n.kind === 'array') {
      n.items.forEach((c, i) => visit(c, [...path, i], depth + 1));
      return;
    }
    if (n.kind !== 'object') return;
    const last = path[path.length - 1];
    const isEnv = typeof last === 'string' && ENV_CONTAINER.test(last);
    const endpoints: StringField[] = [];
    const proxies: StringField[] = [];
    const headers: StringField[] = [];
    const credentials: StringField[] = [];
    const modelish = !isEnv && looksLikeModel(n, path);
    for (const e of n.entries) {
      const k = lcKey(e.key);
      const v = e.value;
      const p = [...path, e.key];
      if (isString(v)) {
        if (isEnv) {
          if (ENV_ENDPOINT.test(e.key)) endpoints.push(toField(e.key, p, v));
          else if (ENV_PROXY.test(e.key)) proxies.push(toField(e.key, p, v));
          continue;
        }
        if (STRONG_ENDPOINT_KEYS.has(k) || (modelish && WEAK_ENDPOINT_KEYS.has(k))) endpoints.push(toField(e.key, p, v));
        else if (PROXY_KEYS.has(k)) proxies.push(toField(e.key, p, v));
        else if (modelish && CREDENTIAL_KEY.test(e.key)) credentials.push(toField(e.key, p, v));
      } else if (isObject(v) && HEADER_KEYS.has(k) && (modelish || path.length === 0 || isModelContainer(path))) {
        for (const h of v.entries) if (isString(h.value)) headers.push(toField(h.key, [...p, h.key], h.value));
      }
    }
    if (endpoints.length || proxies.length || headers.length) {
      out.push({
        type: 'model',
        start: n.start,
        end: n.end,
        provider: str(get(n, 'provider', 'api_type', 'apiType', 'type', '_type')) ?? (typeof last === 'string' ? last : undefined),
        model: str(get(n, 'model', 'model_name', 'modelName', 'azure_deployment', 'deployment_name')),
        endpoints,
        proxies,
        headers,
        credentials,
      });
    }
    for (const e of n.entries) visit(e.value, [...path, e.key], depth + 1);
  };
  visit(root, basePath, 0);
  return out;
}

function isModelContainer(path: Path): boolean {
  return path.some((p) => typeof p === 'string' && MODEL_PATH_HINT.test(p));
}
