import type { McpServerNode, PromptDocument, SecuritySeverity, TextSegment } from '../types.ts';
import {
  entropy, findTypedSecrets, isAiIdentifier, isDocumentedExample, isFailedTypedShape, isHashLike, isPlaceholder, isReference, isUuid,
} from './_secret-detectors.ts';

/** `OPENAI_API_KEY`, `apiKey`, `x-api-key` -> `openai_api_key`, `api_key`, `x_api_key`. */
export function normalizeKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const CREDENTIAL_KEY = /(?:^|_)(?:api_?key|apikey|secret|secret_key|client_secret|token|access_token|auth_token|api_token|bearer_token|bearer|refresh_token|id_token|password|passwd|pwd|pass|passphrase|credentials?|private_key|access_key|secret_access_key|auth|authorization|proxy_authorization|session_key|signing_key|master_key|pat|ad_token|auth_key|subscription_key|license_key|api_secret)$/;
const PASSWORD_KEY = /(?:^|_)(?:password|passwd|pwd|pass|passphrase)$/;

/** Does a key name hold a credential (`api_key`, `DB_PASSWORD`, `Authorization`), as opposed to `max_tokens`, `token_url`? */
export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(normalizeKey(key));
}

export interface CredentialVerdict {
  /** Offset of the secret inside the value (after a `Bearer ` scheme or quotes). */
  readonly offset: number;
  readonly secret: string;
  readonly severity: SecuritySeverity;
  readonly kind: 'password' | 'token';
}

const LITERAL_WORDS = /^(?:true|false|null|none|nil|undefined|bearer|basic|token|required|optional|string|secret|password|env|environment|default|disabled|enabled|\d+)$/i;

/**
 * Is `value` under `key` a literal credential? Entropy and character-class checks, plus the placeholder,
 * reference, AI-id, UUID, hash and documented-example denylists. Typed tokens are left to `provider-api-key`
 * (unless `includeTyped`), URLs to `credential-in-url`.
 */
export function credentialVerdict(key: string, rawValue: string, options: { includeTyped?: boolean } = {}): CredentialVerdict | undefined {
  if (!isCredentialKey(key)) return undefined;
  let offset = rawValue.length - rawValue.trimStart().length;
  let value = rawValue.trim();
  const scheme = /^(?:Bearer|Token|Basic|Bot|ApiKey)\s+/i.exec(value);
  if (scheme) {
    offset += scheme[0].length;
    value = value.slice(scheme[0].length);
  }
  if (/^["'`]/.test(value) && value.length > 2 && value.endsWith(value[0]!)) {
    offset += 1;
    value = value.slice(1, -1);
  }
  const password = PASSWORD_KEY.test(normalizeKey(key));
  if (value.length < (password ? 8 : 16) || value.length > 300) return undefined;
  if (/\s/.test(value) || value.includes('://') || LITERAL_WORDS.test(value)) return undefined;
  if (isReference(value) || isPlaceholder(value) || isAiIdentifier(value) || isUuid(value) || isHashLike(value) || isDocumentedExample(value)) return undefined;
  if (isFailedTypedShape(value)) return undefined;
  if (/^[.~]?\//.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) || /^[a-z]+(?:[-_.][a-z]+)+$/.test(value)) return undefined;
  if (/^[A-Za-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2,})*$/.test(value)) return undefined; // a host name
  if (/^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$/.test(value)) return undefined; // a member expression in code
  const typed = findTypedSecrets(value, { context: key });
  if (typed.length && !options.includeTyped) return undefined;
  if (typed.length) return { offset: offset + typed[0]!.start, secret: typed[0]!.value, severity: typed[0]!.severity, kind: 'token' };
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  const digit = /[0-9]/.test(value);
  const symbol = /[^A-Za-z0-9]/.test(value);
  const classes = [lower, upper, digit, symbol].filter(Boolean).length;
  const h = entropy(value);
  if (password) {
    if (!(classes >= 3 || (value.length >= 12 && classes >= 2 && h >= 3))) return undefined;
    return { offset, secret: value, severity: 'high', kind: 'password' };
  }
  if (!(digit && (lower || upper))) return undefined;
  if (h < (value.length < 24 ? 3.3 : 3.5)) return undefined;
  if (isReadable(value)) return undefined;
  return { offset, secret: value, severity: 'high', kind: 'token' };
}

/** Conventional environment variable for a key name: `openai_api_key` -> `OPENAI_API_KEY`, `apiKey` -> `API_KEY`. */
export function envNameFor(key: string, fallback = 'API_KEY'): string {
  const n = normalizeKey(key).toUpperCase();
  return /^[A-Z][A-Z0-9_]{1,60}$/.test(n) ? n : fallback;
}

// ------------------------------------------------------------------------- structural ownership

const ownedCache = new WeakMap<PromptDocument, Set<number>>();

/** Raw starts of MCP `env`/`headers`/`args` values: `mcp-literal-credential` owns them. */
export function mcpFieldStarts(doc: PromptDocument): Set<number> {
  let s = ownedCache.get(doc);
  if (!s) {
    s = new Set();
    for (const n of doc.nodes) {
      if (n.type !== 'mcp-server') continue;
      const server = n as McpServerNode;
      for (const f of [...server.env, ...server.headers, ...server.args]) s.add(f.start);
    }
    ownedCache.set(doc, s);
  }
  return s;
}

/** LangChain serialized-secret fields (`openai_api_key`, `huggingfacehub_api_token`, ...). */
export const LANGCHAIN_SECRET_FIELD = /^(?:[a-z0-9]+_)*(?:api_key|api_token|secret_key|access_token|secret|password|secret_access_key|access_key_id|session_token|api_secret|ad_token)$/;

export function isLangchainSecretSegment(doc: PromptDocument, segment: TextSegment): boolean {
  if (doc.kind !== 'langchain' && doc.kind !== 'langchain-legacy') return false;
  const last = segment.path[segment.path.length - 1];
  return typeof last === 'string' && LANGCHAIN_SECRET_FIELD.test(last) && segment.path.includes('kwargs');
}

/** Key path and nearby raw text, for detectors that need a provider word near the token. */
export function segmentContextText(doc: PromptDocument, segment: TextSegment): string {
  const start = segment.map.offsets ? segment.map.offsets[0] ?? segment.map.base : segment.map.base;
  const text = doc.file.text;
  let from = start;
  for (let n = 0; n < 3 && from > 0; n++) {
    const nl = text.lastIndexOf('\n', from - 1);
    from = nl < 0 ? 0 : nl;
  }
  from = Math.max(from, start - 240);
  return `${segment.path.join('.')}\n${text.slice(from, start)}`;
}

/**
 * Made of words and short numbers (`text-embedding-3-large`, `Mozilla/5.0AppleWebKit`, `gpt-4o-2024-08-06`):
 * an identifier a person wrote, not a random token. Random strings split into many chunks under 3 letters.
 */
export function isReadable(value: string): boolean {
  const chunks = value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, '$1$3 $2$4').split(/[^A-Za-z0-9]+|\s+/).filter(Boolean);
  if (chunks.length < 2) return false;
  return chunks.every((c) => /^[0-9]{1,8}$/.test(c) || (/^[A-Za-z]{3,}$/.test(c) && /[aeiouyAEIOUY]/.test(c) && !/^[A-Z]{3,}[a-z]/.test(c)));
}
