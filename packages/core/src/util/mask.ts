import { createHash, createHmac } from 'node:crypto';

/**
 * Masking: no output of promptlint ever holds a whole secret. Rules call `maskSecret` for values they quote;
 * the engine passes every message, suggestion and fix description through `sanitize` as a second line of defence.
 */

export interface MaskOptions {
  /** Per-project salt (kept in the baseline). With it, short secrets get a fingerprint too. */
  readonly salt?: string;
}

/** Public prefixes that identify a credential's type without revealing it (longest first). */
const PUBLIC_PREFIXES = [
  'sk-ant-api03-', 'sk-ant-admin01-', 'sk-ant-oat01-', 'sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-or-v1-', 'sk-lf-',
  'github_pat_', 'lsv2_pt_', 'lsv2_sk_', 'api_org_', 'tgp_v1_', 'pcsk_', 'pplx-', 'xai-', 'gsk_', 'r8_', 'hf_', 'fw_',
  'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_', 'xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xoxo-', 'xoxs-', 'xoxr-',
  'sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'https://hooks.slack.com/services/', 'ls__', 'AKIA', 'ABIA', 'ACCA', 'ASIA', 'AIza', 'eyJ', 'sk-',
] as const;

const MIN_UNSALTED_FINGERPRINT = 24;

let projectSalt: string | undefined;

/**
 * Set the per-project salt (read from the baseline) used when a call passes none: fingerprints become keyed
 * hashes, so even short secrets get one that cannot be brute-forced without the baseline. `undefined` resets.
 */
export function setMaskSalt(salt: string | undefined): void {
  projectSalt = salt || undefined;
}

/** `sk-ant-api03-…[108 chars, fp 3f9a1c2e]`: public prefix, length, and a fingerprint that cannot be reversed. */
export function maskSecret(value: string, options: MaskOptions = {}): string {
  const prefix = PUBLIC_PREFIXES.find((p) => value.startsWith(p) && value.length >= p.length + 8) ?? '';
  let fp = '';
  const salt = options.salt ?? projectSalt;
  if (salt) fp = createHmac('sha256', salt).update(value).digest('hex').slice(0, 8);
  else if (value.length >= MIN_UNSALTED_FINGERPRINT) fp = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `${prefix}…[${value.length} chars${fp ? `, fp ${fp}` : ''}]`;
}

/** Stable content fingerprint of a secret (for baselines): never printed with the secret. */
export function secretFingerprint(value: string, salt = ''): string {
  return createHmac('sha256', `promptlint:${salt}`).update(value).digest('hex').slice(0, 16);
}

/**
 * Shapes masked in any text that leaves promptlint. Bounded quantifiers only (linear). The secrets rules
 * add their detectors through `registerSecretShape`.
 */
const SHAPES: RegExp[] = [
  /\bsk-(?:ant-(?:api03|admin01|oat01)-|proj-|svcacct-|admin-|or-v\d{1,3}-)?[A-Za-z0-9_-]{20,250}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,80}|github_pat_[A-Za-z0-9_]{40,120})/g,
  /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\bxox[abeoprs]-[A-Za-z0-9-]{10,120}/g,
  /\b(?:lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}|hf_[A-Za-z]{30,40}|gsk_[A-Za-z0-9]{48,56}|r8_[A-Za-z0-9_-]{37,40}|pplx-[A-Za-z0-9]{40,56}|xai-[A-Za-z0-9_]{70,90})/g,
  /\b[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,99}/g,
  /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/g,
];

export function registerSecretShape(shape: RegExp): void {
  if (!shape.global) throw new Error('secret shapes must be global regexes');
  SHAPES.push(shape);
}

/** userinfo with a password in a URL: `scheme://user:pass@host`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{0,200}:)([^\s@/]{1,500})@/gi;
/** `Bearer x` / `Basic x` credentials. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{12,4096})/g;

/** Mask every known secret shape and URL credential in a text meant for output. */
export function sanitize(text: string, options: MaskOptions = {}): string {
  let out = text.replace(URL_PASSWORD, (_m, head: string, pass: string) =>
    `${head}${pass.startsWith('${') || pass.startsWith('…[') ? pass : maskSecret(pass, options)}@`,
  );
  out = out.replace(AUTH_SCHEME, (m, scheme: string, token: string) =>
    token.startsWith('…[') || token.startsWith('$') ? m : `${scheme} ${maskSecret(token, options)}`,
  );
  for (const shape of SHAPES) {
    shape.lastIndex = 0;
    out = out.replace(shape, (m) => maskSecret(m, options));
  }
  return out;
}
