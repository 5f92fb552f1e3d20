import type { ModelNode, PromptlintSettings, SecuritySeverity, StringField } from '../types.ts';
import {
  DEFAULT_GATEWAY_HOSTS, DEFAULT_TRUSTED_HOSTS, TUNNEL_AND_CATCHER_HOSTS, hostInList, isReference, parseUrl, referenceDefault, type ParsedUrl,
} from '../util/hosts.ts';
import { rawRange } from '../util/position.ts';

export type HostClass = 'trusted' | 'gateway' | 'untrusted';

export function trustedHosts(settings: PromptlintSettings): readonly string[] {
  const extra = settings.trustedHosts ?? [];
  return settings.replaceTrustedHosts ? [...extra, 'localhost'] : [...DEFAULT_TRUSTED_HOSTS, ...extra];
}

export function classifyHost(url: ParsedUrl, settings: PromptlintSettings): HostClass {
  if (url.isLoopback) return 'trusted';
  if (hostInList(url.host, trustedHosts(settings))) return 'trusted';
  if (hostInList(url.host, [...DEFAULT_GATEWAY_HOSTS, ...(settings.gatewayHosts ?? [])])) return 'gateway';
  return 'untrusted';
}

export interface UrlInField {
  readonly field: StringField;
  readonly url: ParsedUrl;
  /** Raw range of the URL's authority (userinfo + host + port) in the file. */
  readonly start: number;
  readonly end: number;
}

/** Parse a URL-valued field (following a `${env:X:default}` default), with the raw range of its authority. */
export function urlInField(field: StringField): UrlInField | undefined {
  let value = field.value;
  let offset = 0;
  if (isReference(value)) {
    const def = referenceDefault(value);
    if (!def) return undefined;
    value = def.default;
    offset = def.offset;
  }
  const url = parseUrl(value);
  if (!url) return undefined;
  const lead = value.length - value.trimStart().length;
  const schemeEnd = value.indexOf('://');
  const authStart = schemeEnd >= 0 ? schemeEnd + 3 : lead;
  let authEnd = authStart;
  while (authEnd < value.length && !'/?#'.includes(value[authEnd]!) && !/\s/.test(value[authEnd]!)) authEnd++;
  const r = rawRange(field.map, offset + authStart, offset + Math.max(authEnd, authStart + 1));
  return { field, url, start: r.start, end: r.end };
}

/** Plain HTTP to a non-loopback host, a raw public IP, a tunnel or request catcher, or a userinfo trick. */
export function riskNote(url: ParsedUrl): { severity: SecuritySeverity; note: string } | undefined {
  if (url.isLoopback) return undefined;
  if (url.hasUserinfo) return { severity: 'critical', note: 'the URL hides its real host behind userinfo (`trusted@host`)' };
  if (hostInList(url.host, TUNNEL_AND_CATCHER_HOSTS)) return { severity: 'critical', note: 'a tunnel or request-catcher host' };
  if (url.isIp) return { severity: 'critical', note: 'a raw IP address' };
  if (url.scheme === 'http' || url.scheme === 'ws') return { severity: 'critical', note: 'plain HTTP, readable and changeable on the network' };
  return undefined;
}

export interface EndpointUse {
  readonly model: ModelNode;
  readonly role: 'endpoint' | 'proxy' | 'header';
  readonly at: UrlInField;
}

const ROUTING_HEADER = /(?:target|upstream|base|forward(?:ed)?|proxy|destination)[-_]?(?:url|host|uri)?$|^host$/i;

/** Every URL a model node sends traffic to: endpoints, proxies, and header values that route or carry URLs. */
export function endpointUses(nodes: readonly { type: string }[]): EndpointUse[] {
  const out: EndpointUse[] = [];
  for (const n of nodes) {
    if (n.type !== 'model') continue;
    const model = n as ModelNode;
    for (const f of model.endpoints) {
      const at = urlInField(f);
      if (at) out.push({ model, role: 'endpoint', at });
    }
    for (const f of model.proxies) {
      const at = urlInField(f);
      if (at) out.push({ model, role: 'proxy', at });
    }
    for (const f of model.headers) {
      if (!ROUTING_HEADER.test(f.key) && !/^https?:\/\//i.test(f.value.trim())) continue;
      const at = urlInField(f);
      if (at) out.push({ model, role: 'header', at });
    }
  }
  return out;
}
