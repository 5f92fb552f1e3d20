import { domainToASCII } from 'node:url';

/**
 * Host handling for the exfiltration rules: real URL parsing (userinfo, look-alikes, trailing dots,
 * punycode, numeric IPs), environment references, and the documented default host lists.
 */

/** Default trusted model API hosts: major providers (regional Azure/Bedrock/Vertex patterns included) and loopback. */
export const DEFAULT_TRUSTED_HOSTS: readonly string[] = [
  'api.openai.com',
  '*.openai.azure.com',
  '*.cognitiveservices.azure.com',
  '*.services.ai.azure.com',
  '*.inference.ai.azure.com',
  '*.models.ai.azure.com',
  'models.inference.ai.azure.com',
  'models.github.ai',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'aiplatform.googleapis.com',
  '*-aiplatform.googleapis.com',
  'bedrock-runtime.*.amazonaws.com',
  'bedrock-runtime-fips.*.amazonaws.com',
  'bedrock.*.amazonaws.com',
  'api.mistral.ai',
  'api.cohere.com',
  'api.cohere.ai',
  'api.groq.com',
  'api.together.xyz',
  'api.together.ai',
  'api.fireworks.ai',
  'api.deepseek.com',
  'api.x.ai',
  'api.perplexity.ai',
  'api.replicate.com',
  'api-inference.huggingface.co',
  'router.huggingface.co',
  '*.endpoints.huggingface.cloud',
  'api.voyageai.com',
  'api.moonshot.cn',
  'dashscope.aliyuncs.com',
  'localhost',
];

/** Known third-party gateways: they see every prompt and key, so they are a warning, not an error. */
export const DEFAULT_GATEWAY_HOSTS: readonly string[] = [
  'openrouter.ai',
  'api.portkey.ai',
  'oai.helicone.ai',
  'anthropic.helicone.ai',
  '*.helicone.ai',
  'gateway.ai.cloudflare.com',
  'api.keywordsai.co',
  'api.unify.ai',
  'llm.mdb.ai',
  'api.aimlapi.com',
  'gateway.langdock.com',
];

/** Tunnels and request catchers: a host made to receive someone else's traffic. */
export const TUNNEL_AND_CATCHER_HOSTS: readonly string[] = [
  '*.ngrok.io', '*.ngrok-free.app', '*.ngrok.app', '*.ngrok.dev', '*.trycloudflare.com', '*.loca.lt', '*.localtunnel.me',
  '*.serveo.net', '*.localhost.run', '*.lhr.life', '*.pagekite.me', '*.telebit.cloud', '*.tunnelmole.net', '*.devtunnels.ms',
  'webhook.site', '*.webhook.site', 'requestbin.com', '*.requestbin.com', '*.requestcatcher.com', '*.pipedream.net',
  '*.m.pipedream.net', 'hookbin.com', '*.beeceptor.com', 'requestinspector.com', '*.oast.fun', '*.oast.pro', '*.oast.live',
  '*.oast.site', '*.oast.online', '*.oast.me', '*.interact.sh', '*.burpcollaborator.net', '*.oastify.com', '*.dnslog.cn',
  'postb.in', '*.x.pipedream.net', 'pastebin.com', 'transfer.sh', '*.free.beeceptor.com',
];

export interface ParsedUrl {
  readonly scheme: string;
  /** Lower-case ASCII host, trailing dot removed, IPv6 without brackets. */
  readonly host: string;
  readonly port: string;
  readonly hasUserinfo: boolean;
  readonly isIp: boolean;
  readonly isLoopback: boolean;
  readonly pathAndQuery: string;
}

/** `${env:X}`, `${X}`, `$X`, `%X%`, `{{ env.X }}`, `os.environ/X`, `${{ secrets.X }}`, `${input:x}`: not hosts. */
const ENV_REFERENCE = /^(?:\$\{[^}]{1,200}\}|\$[A-Za-z_][A-Za-z0-9_]{0,100}|%[A-Za-z_][A-Za-z0-9_]{0,100}%|\{\{[^}]{1,200}\}\}|os\.environ\/[A-Za-z_][A-Za-z0-9_]{0,100}|env:[A-Za-z_][A-Za-z0-9_]{0,100})/;

/** True when a value starts with (or is) an environment/template reference rather than a literal URL. */
export function isReference(value: string): boolean {
  return ENV_REFERENCE.test(value.trim());
}

/** Prompty `${env:NAME:default}`: the default is used when the variable is unset, so its host matters. */
export function referenceDefault(value: string): { default: string; offset: number } | undefined {
  const m = /^\$\{env:[A-Za-z_][A-Za-z0-9_]{0,100}:([^}]{1,2000})\}$/.exec(value.trim());
  if (!m) return undefined;
  return { default: m[1]!, offset: value.indexOf(m[1]!) };
}

/** Parse an absolute URL (or a bare `host[:port][/path]`) with WHATWG URL semantics; undefined if not a URL. */
export function parseUrl(value: string): ParsedUrl | undefined {
  const v = value.trim();
  if (v === '' || v.length > 4096 || isReference(v)) return undefined;
  let input = v;
  if (!/^[a-z][a-z0-9+.-]{0,30}:\/\//i.test(v)) {
    // A bare host such as `evil.example:8080/v1` (proxy fields often omit the scheme).
    if (!/^[A-Za-z0-9.\-[\]:]{1,300}(?:[/?#].*)?$/s.test(v) || !/[.:]/.test(v.split(/[/?#]/)[0]!)) return undefined;
    input = `http://${v}`;
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  while (host.endsWith('.')) host = host.slice(0, -1);
  const ascii = host.includes(':') ? host : domainToASCII(host) || host;
  const isIp = isIpv4(ascii) || ascii.includes(':');
  return {
    scheme: url.protocol.slice(0, -1).toLowerCase(),
    host: ascii,
    port: url.port,
    hasUserinfo: url.username !== '' || url.password !== '',
    isIp,
    isLoopback: isLoopbackHost(ascii),
    pathAndQuery: url.pathname + url.search,
  };
}

function isIpv4(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIpv4(host)) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** Private, link-local or unspecified addresses (still raw IPs, but not loopback). */
export function isPrivateIp(host: string): boolean {
  if (!isIpv4(host)) return host.startsWith('fc') || host.startsWith('fd') || host.startsWith('fe80');
  const [a, b] = host.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
}

const patternCache = new Map<string, RegExp>();

/**
 * Match a host against a pattern: exact (`api.openai.com`), any subdomain (`*.openai.azure.com`), or `*`
 * inside a label (`*-aiplatform.googleapis.com`, `bedrock-runtime.*.amazonaws.com`). Patterns are compiled
 * from escaped literals and label-bounded classes only, so matching is linear.
 */
export function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase().replace(/\.$/, '');
  if (!p.includes('*')) return host === p;
  let re = patternCache.get(p);
  if (!re) {
    let src = '';
    let rest = p;
    if (rest.startsWith('*.')) {
      src = '(?:[a-z0-9_-]{1,63}\\.){1,20}';
      rest = rest.slice(2);
    }
    src += rest
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[a-z0-9_-]{1,63}');
    re = new RegExp(`^${src}$`);
    patternCache.set(p, re);
  }
  return re.test(host);
}

export function hostInList(host: string, patterns: readonly string[]): boolean {
  for (const p of patterns) if (hostMatches(host, p)) return true;
  return false;
}
