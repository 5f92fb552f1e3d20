import type { McpServerNode, ModelNode, PromptlintSettings, SecuritySeverity, StringField } from '../types.ts';
import {
  DEFAULT_GATEWAY_HOSTS, DEFAULT_TRUSTED_HOSTS, TUNNEL_AND_CATCHER_HOSTS, hostInList, isReference, parseUrl, referenceDefault, type ParsedUrl,
} from '../util/hosts.ts';
import { rawRange } from '../util/position.ts';

/**
 * Shared host logic of the endpoint rules (untrusted-model-endpoint, model-gateway-endpoint,
 * insecure-mcp-server-url): which URL a field holds, where its host sits in the file, and how risky it is.
 */

/** `local`: this machine or its private network by name (never a public server); see `ParsedUrl.isLocal`. */
export type HostClass = 'trusted' | 'local' | 'gateway' | 'untrusted';

export function trustedHosts(settings: PromptlintSettings): readonly string[] {
  const extra = settings.trustedHosts ?? [];
  return settings.replaceTrustedHosts ? [...extra, 'localhost'] : [...DEFAULT_TRUSTED_HOSTS, ...extra];
}

export function gatewayHosts(settings: PromptlintSettings): readonly string[] {
  return [...DEFAULT_GATEWAY_HOSTS, ...(settings.gatewayHosts ?? [])];
}

export function classifyHost(url: ParsedUrl, settings: PromptlintSettings): HostClass {
  if (url.isLocal) return 'local';
  if (hostInList(url.host, trustedHosts(settings))) return 'trusted';
  if (hostInList(url.host, gatewayHosts(settings))) return 'gateway';
  return 'untrusted';
}

export interface UrlInField {
  readonly field: StringField;
  readonly url: ParsedUrl;
  /** Raw range of the URL's authority (userinfo + host + port) in the file. */
  readonly start: number;
  readonly end: number;
  /** The URL is the default of an environment reference (`${env:X:https://…}`), used when X is unset. */
  readonly fromDefault: boolean;
}

/** A field that starts `from` decoded units into `field` (for `--url=https://…` style arguments). */
export function subField(field: StringField, from: number): StringField {
  if (from <= 0) return field;
  const map = field.map.offsets ? { base: field.map.offsets[from] ?? field.map.base, offsets: field.map.offsets.subarray(from) } : { base: field.map.base + from };
  return { ...field, value: field.value.slice(from), start: map.base, map };
}

/**
 * Parse a URL-valued field (following the default of a `${env:X:default}` / `${X:-default}` reference), with the
 * raw range of its authority. Undefined for references without a default, templated hosts and non-URLs.
 */
export function urlInField(field: StringField): UrlInField | undefined {
  let value = field.value;
  let offset = 0;
  let fromDefault = false;
  if (isReference(value)) {
    const def = referenceDefault(value);
    if (!def) return undefined;
    value = def.default;
    offset = def.offset;
    fromDefault = true;
  }
  const url = parseUrl(value);
  if (!url) return undefined;
  const lead = value.length - value.trimStart().length;
  const schemeEnd = value.indexOf('://');
  const authStart = schemeEnd >= 0 ? schemeEnd + 3 : lead;
  let authEnd = authStart;
  while (authEnd < value.length && !'/?#'.includes(value[authEnd]!) && !/\s/.test(value[authEnd]!)) authEnd++;
  const r = rawRange(field.map, offset + authStart, offset + Math.max(authEnd, authStart + 1));
  return { field, url, start: r.start, end: r.end, fromDefault };
}

export interface Risk {
  readonly severity: SecuritySeverity;
  readonly note: string;
}

/**
 * What makes a URL risky whatever its host: a look-alike userinfo, a tunnel or request catcher, a raw IP, a punycode
 * host, an unencrypted scheme. Local hosts carry no risk. `plain: false` skips the unencrypted-scheme check (an
 * `http://` proxy still tunnels TLS with CONNECT). Notes are joined; the severity is the highest one.
 */
export function riskNote(url: ParsedUrl, options: { plain?: boolean } = {}): Risk | undefined {
  if (url.isLocal) return undefined;
  const found: Risk[] = [];
  if (url.userinfoLooksLikeHost) found.push({ severity: 'critical', note: "a look-alike URL whose text before '@' is only userinfo" });
  if (hostInList(url.host, TUNNEL_AND_CATCHER_HOSTS)) found.push({ severity: 'critical', note: 'a tunnel or request-catcher host' });
  if (url.isIp) found.push(url.isPrivateIp ? { severity: 'high', note: 'a raw private IP address' } : { severity: 'critical', note: 'a raw public IP address' });
  if (url.isIdn) found.push({ severity: 'critical', note: 'an internationalised (punycode) name that can imitate another host' });
  if (options.plain !== false && (url.scheme === 'http' || url.scheme === 'ws')) {
    found.push({ severity: 'critical', note: `unencrypted ${url.scheme}://` });
  }
  if (!found.length) return undefined;
  return { severity: found.some((r) => r.severity === 'critical') ? 'critical' : 'high', note: found.map((r) => r.note).join(', ') };
}

export interface EndpointUse {
  readonly model: ModelNode;
  /** `server-proxy`: a proxy variable in an MCP server's `env`. */
  readonly role: 'endpoint' | 'proxy' | 'header' | 'server-proxy';
  /** The MCP server, for `server-proxy`. */
  readonly server?: McpServerNode;
  readonly at: UrlInField;
}

/** Header names that route a request (gateways' target-URL headers, `Host`). */
const ROUTING_HEADER = /(?:^|[-_])(?:target|upstream|base|forward(?:ed)?|proxy|destination)(?:[-_]?(?:url|uri|host))?$|^host$/i;

/** Containers of environment variables. */
const ENV_CONTAINER = /^(?:env|environment|envs|variables)$/i;
/**
 * Environment variables that redirect an LLM SDK (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, `AZURE_OPENAI_ENDPOINT`,
 * `OLLAMA_HOST`): other `*_BASE_URL` / `*_API_URL` variables (`GITLAB_API_URL`, `JIRA_BASE_URL`) configure other services.
 */
const LLM_ENV_PREFIX = /^(?:OPENAI|AZURE_OPENAI|AZURE_AI|AZURE_INFERENCE|ANTHROPIC|CLAUDE|CLAUDE_CODE|GEMINI|GOOGLE_GEMINI|GOOGLE_GENAI|GOOGLE_VERTEX|VERTEX(?:_AI)?|MISTRAL|GROQ|COHERE|DEEPSEEK|XAI|GROK|TOGETHER(?:_AI)?|FIREWORKS(?:_AI)?|OPENROUTER|PERPLEXITY|OLLAMA|LITELLM|LLM|AI|MODEL|CHAT|HF|HUGGINGFACE|HUGGING_FACE|BEDROCK|AWS_BEDROCK|VOYAGE|MOONSHOT|DASHSCOPE|QWEN|ZHIPU|REPLICATE|CEREBRAS|SAMBANOVA|NVIDIA_NIM|NIM|VLLM|LMSTUDIO|LM_STUDIO|COPILOT|CODEX)_/;
const NOT_A_PROXY = /^no_proxy$/i;

function fromEnv(field: StringField): boolean {
  const parent = field.path[field.path.length - 2];
  return typeof parent === 'string' && ENV_CONTAINER.test(parent);
}

/** A field of a tool's own connection (a Prompty OpenAPI tool's `connection.endpoint`), not of the model. */
function inTool(field: StringField): boolean {
  return field.path.some((p) => p === 'tools' || p === 'toolkits' || p === 'functions');
}

/** Proxies every HTTP client of a process honours. */
const GENERAL_PROXY_ENV = /^(?:https?_proxy|all_proxy)$/i;

/**
 * Every URL a model node sends traffic to: endpoints, proxies, and header values that route or carry URLs.
 * An MCP server started with `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` in its `env` counts too: the server's
 * outbound calls (to model APIs among others, with their keys) go through that proxy.
 */
export function endpointUses(nodes: readonly { type: string }[]): EndpointUse[] {
  const out: EndpointUse[] = [];
  // Fields an adapter already put on a model node are read there, once.
  const modelFieldStarts = new Set<number>();
  for (const n of nodes) if (n.type === 'model') for (const f of (n as ModelNode).proxies) modelFieldStarts.add(f.start);
  for (const n of nodes) {
    if (n.type === 'mcp-server') {
      const server = n as McpServerNode;
      for (const f of server.env) {
        if (!GENERAL_PROXY_ENV.test(f.key) || modelFieldStarts.has(f.start)) continue;
        const at = urlInField(f);
        if (at) out.push({ model: serverAsModel(server), role: 'server-proxy', server, at });
      }
      continue;
    }
    if (n.type !== 'model') continue;
    const model = n as ModelNode;
    for (const f of model.endpoints) {
      if (inTool(f) || (fromEnv(f) && !LLM_ENV_PREFIX.test(f.key))) continue;
      const at = urlInField(f);
      if (at) out.push({ model, role: 'endpoint', at });
    }
    for (const f of model.proxies) {
      if (inTool(f) || NOT_A_PROXY.test(f.key)) continue;
      const at = urlInField(f);
      if (at) out.push({ model, role: 'proxy', at });
    }
    for (const f of model.headers) {
      if (inTool(f) || (!ROUTING_HEADER.test(f.key) && !/^https?:\/\//i.test(f.value.trim()))) continue;
      const at = urlInField(f);
      if (at) out.push({ model, role: 'header', at });
    }
  }
  return out;
}

/** An MCP server seen as the client of its own proxy setting (no credentials of its own are counted). */
function serverAsModel(server: McpServerNode): ModelNode {
  return { type: 'model', start: server.start, end: server.end, provider: `mcp:${server.name}`, endpoints: [], proxies: [], headers: [], credentials: [] };
}

/** Placeholder credential values in samples and templates (`<your-key>`, `YOUR_API_KEY`, `sk-...`, `xxx`). */
const PLACEHOLDER_CREDENTIAL = /^(?:<[^>]{0,200}>|\[[^\]]{0,200}\]|(?:your|my|insert|enter|replace|put)[\s_-].{0,100}|.{0,20}(?:x{3,100}|\*{3,100}|\.{3,100}|…).{0,20}|none|null|empty|dummy|fake|test|placeholder|changeme|sk-|not-?needed|na|n\/a|-)$/i;

/** Credential fields that hold a literal value (not a reference, a placeholder or an empty string). */
export function literalCredentials(model: ModelNode): StringField[] {
  return model.credentials.filter((f) => {
    const v = f.value.trim();
    return v.length >= 8 && !isReference(v) && !PLACEHOLDER_CREDENTIAL.test(v);
  });
}
