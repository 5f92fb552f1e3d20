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
  'postb.in', 'pastebin.com', 'transfer.sh', '*.ngrok-free.dev', '*.pinggy.link', '*.pinggy.online', '*.bore.pub',
];

export interface ParsedUrl {
  /** Lower-case scheme as written (`https`, `http`, `ws`, `socks5`), or `''` for a bare `host[:port]` value. */
  readonly scheme: string;
  /** Lower-case ASCII host (IDN labels in punycode), trailing dots removed, IPv6 without brackets. */
  readonly host: string;
  readonly port: string;
  /** Something stands before `@` in the authority (`user:pass@host`, `api.openai.com@host`). */
  readonly hasUserinfo: boolean;
  /** The userinfo reads like a host name (`https://api.openai.com@evil.example`): the classic look-alike trick. */
  readonly userinfoLooksLikeHost: boolean;
  /** The userinfo holds a password (`user:secret@host`). */
  readonly hasPassword: boolean;
  readonly isIp: boolean;
  /** Loopback: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`, and the IPv4-mapped form of those. */
  readonly isLoopback: boolean;
  /**
   * Reached on this machine or its private network only, never through a public name: loopback, the unspecified
   * address `0.0.0.0`, Docker's `host.docker.internal`, and single-label names (`ollama`, `mcp-server`).
   */
  readonly isLocal: boolean;
  /** Private, link-local, shared (CGNAT) or unique-local address. */
  readonly isPrivateIp: boolean;
  /** At least one label is punycode (`xn--`): the name may imitate another one with look-alike characters. */
  readonly isIdn: boolean;
  readonly pathAndQuery: string;
}

/**
 * Environment and template references that stand for a value supplied at run time:
 * `${env:X}`, `${X}`, `${X:-default}`, `${{ secrets.X }}`, `$X`, `$(X)`, `%X%`, `{{ env.X }}`, `{env:X}`, `{file:x}`,
 * `os.environ/X`, `env:X`, `<%= x %>`.
 */
const ENV_REFERENCE = /^(?:\$\{[^}]{1,200}\}|\$\([^)]{1,200}\)|\$[A-Za-z_][A-Za-z0-9_]{0,100}|%[A-Za-z_][A-Za-z0-9_]{0,100}%|\{\{[^}]{1,200}\}\}|\{(?:env|file|input|secret|secrets|var|vars):[^}]{1,200}\}|<%=?[^%]{1,200}%>|os\.environ\/[A-Za-z_][A-Za-z0-9_]{0,100}|env:[A-Za-z_][A-Za-z0-9_]{0,100})/;

/** True when a value starts with (or is) an environment/template reference rather than a literal URL. */
export function isReference(value: string): boolean {
  return ENV_REFERENCE.test(value.trim());
}

/** Prompty `${env:NAME:default}` and shell `${NAME:-default}` / `${NAME-default}` / `${NAME:=default}`. */
const REFERENCE_WITH_DEFAULT = /^\$\{(?:env:[A-Za-z_][A-Za-z0-9_]{0,100}:|[A-Za-z_][A-Za-z0-9_]{0,100}:?[-=])([^}]{1,2000})\}/;

/**
 * The default of a reference that has one: it is used whenever the variable is unset, so its host matters.
 * `offset` is the index of the default in `value` (as given, leading whitespace included).
 */
export function referenceDefault(value: string): { default: string; offset: number } | undefined {
  const lead = value.length - value.trimStart().length;
  const m = REFERENCE_WITH_DEFAULT.exec(value.slice(lead));
  if (!m) return undefined;
  const def = m[1]!;
  return { default: def, offset: lead + m[0].length - 1 - def.length };
}

/**
 * Characters that mean the host part is a template or placeholder filled in later, not a literal name. `%XX`
 * percent-encoding is not one: the URL parser decodes it, so an encoded host is still checked.
 */
const TEMPLATED_AUTHORITY = /[{}$<>`]|%(?![0-9a-f]{2}%?)[A-Za-z_][A-Za-z0-9_]{0,100}%/i;

/** Parse an absolute URL (or a bare `host[:port][/path]`) with WHATWG URL semantics; undefined if not a URL. */
export function parseUrl(value: string): ParsedUrl | undefined {
  const v = value.trim();
  if (v === '' || v.length > 4096 || isReference(v)) return undefined;
  let input = v;
  const schemeMatch = /^([a-z][a-z0-9+.-]{0,30}):\/\//i.exec(v);
  if (!schemeMatch) {
    // A bare host such as `evil.example:8080/v1` (proxy and `apiHost` fields often omit the scheme).
    if (!/^[A-Za-z0-9.\-[\]:]{1,300}(?:[/?#].*)?$/s.test(v) || !/[.:]/.test(v.split(/[/?#]/)[0]!)) return undefined;
    input = `http://${v}`;
  }
  const authorityStart = schemeMatch ? schemeMatch[0].length : 0;
  const authority = authorityOf(v, authorityStart);
  if (TEMPLATED_AUTHORITY.test(authority)) return undefined;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = trimTrailingDots(host);
  if (!host) return undefined;
  const ascii = host.includes(':') ? host : domainToASCII(host) || host;
  const isIp = isIpv4(ascii) || ascii.includes(':');
  const username = safeDecode(url.username);
  const isLoopback = isLoopbackHost(ascii);
  return {
    scheme: schemeMatch ? schemeMatch[1]!.toLowerCase() : '',
    host: ascii,
    port: url.port,
    hasUserinfo: url.username !== '' || url.password !== '',
    userinfoLooksLikeHost: /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}\.?$/i.test(username) && /[a-z]/i.test(username),
    hasPassword: url.password !== '',
    isIp,
    isLoopback,
    isLocal: isLoopback || isLocalName(ascii),
    isPrivateIp: isIp && isPrivateIp(ascii),
    isIdn: ascii.split('.').some((l) => l.startsWith('xn--')),
    pathAndQuery: url.pathname + url.search,
  };
}

/** The authority (`userinfo@host:port`) of a URL-ish string, starting at `from`. */
function authorityOf(v: string, from: number): string {
  let end = from;
  while (end < v.length && !'/?#'.includes(v[end]!)) end++;
  return v.slice(from, end);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isIpv4(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** `::ffff:a.b.c.d` as the URL parser prints it (`::ffff:7f00:1`), back to dotted IPv4; undefined otherwise. */
function mappedIpv4(host: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!m) return undefined;
  const hi = Number.parseInt(m[1]!, 16);
  const lo = Number.parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function isLoopbackHost(host: string): boolean {
  const h = trimTrailingDots(host.toLowerCase());
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIpv4(h)) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.includes(':') ? mappedIpv4(h) : undefined;
  return v4 !== undefined && v4.startsWith('127.');
}

/**
 * A name or address that only this machine or its private network can reach: the unspecified address
 * (connecting to it reaches this machine), Docker's host alias, and single-label names resolved by a local
 * resolver or a container network (`ollama`, `mcp-server`). A public server cannot be named this way.
 */
export function isLocalName(host: string): boolean {
  const h = trimTrailingDots(host.toLowerCase());
  if (isLoopbackHost(h)) return true;
  if (h === '0.0.0.0' || h === '::' || h === 'host.docker.internal' || h === 'gateway.docker.internal') return true;
  return !h.includes('.') && !h.includes(':') && /^[a-z0-9_-]{1,63}$/.test(h) && !/^\d+$/.test(h);
}

/** Private, link-local, shared (CGNAT) or unspecified addresses (still raw IPs, but not loopback). */
export function isPrivateIp(host: string): boolean {
  const h = host.toLowerCase();
  if (h.includes(':')) {
    const v4 = mappedIpv4(h);
    if (v4) return isPrivateIp(v4);
    return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h) || h === '::';
  }
  if (!isIpv4(h)) return false;
  const [a, b] = h.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 0;
}

const patternCache = new Map<string, RegExp | string>();

/** A host pattern as the user may write it (`https://Mcp.Example.com:443/`, `bücher.example`) in comparable form. */
export function normalizeHostPattern(pattern: string): string {
  let p = pattern.trim().toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]{0,30}:\/\//.exec(p);
  if (scheme) p = p.slice(scheme[0].length);
  const cut = p.search(/[/?#]/);
  if (cut >= 0) p = p.slice(0, cut);
  p = p.slice(p.lastIndexOf('@') + 1);
  if (p.startsWith('[')) p = p.replace(/^\[([^\]]*)\](?::\d{1,5})?$/, '$1');
  else p = p.replace(/:\d{1,5}$/, '');
  p = trimTrailingDots(p);
  if (/[^\x00-\x7f]/.test(p)) {
    // Keep wildcard labels as they are and convert the others.
    p = p.split('.').map((l) => (l.includes('*') ? l : domainToASCII(l) || l)).join('.');
  }
  return p;
}

/**
 * Match a host against a pattern: exact (`api.openai.com`), any subdomain (`*.openai.azure.com`, which does not
 * match `openai.azure.com` itself), `*` inside a label (`*-aiplatform.googleapis.com`, `bedrock-runtime.*.amazonaws.com`),
 * or `*` alone (any host). Patterns may be written as URLs or with a port. They are compiled from escaped literals
 * and label-bounded classes only, so matching is linear.
 */
export function hostMatches(host: string, pattern: string): boolean {
  return matchesNormalized(normalizeHost(host), pattern);
}

function normalizeHost(host: string): string {
  return trimTrailingDots(host.toLowerCase());
}

/** `host...` -> `host` without a regex (a `/\.+$/` scan is quadratic on long runs of dots). */
export function trimTrailingDots(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--;
  return end === s.length ? s : s.slice(0, end);
}

function compiledPattern(pattern: string): RegExp | string {
  let compiled = patternCache.get(pattern);
  if (compiled !== undefined) return compiled;
  const p = normalizeHostPattern(pattern);
  if (!p.includes('*')) compiled = p;
  else if (p === '*') compiled = /^.+$/s;
  else {
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
    compiled = new RegExp(`^${src}$`);
  }
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(pattern, compiled);
  return compiled;
}

function matchesNormalized(h: string, pattern: string): boolean {
  const compiled = compiledPattern(pattern);
  if (typeof compiled === 'string') return compiled !== '' && h === compiled;
  return compiled.test(h);
}

export function hostInList(host: string, patterns: readonly string[]): boolean {
  const h = normalizeHost(host);
  for (const p of patterns) if (matchesNormalized(h, p)) return true;
  return false;
}
