import { createPrivateKey } from 'node:crypto';
import type { SecuritySeverity } from '../types.ts';
import { registerSecretShape } from '../util/mask.ts';

/**
 * Offline secret detectors shared by the `secrets` rules.
 *
 * Pipeline (as gitleaks): a keyword prefilter on the lower-cased text decides which detectors run; each
 * detector's regex finds a bounded token candidate that starts at a token boundary (so a run of same-class
 * characters gives one start, never one per character); then code validates it offline (OpenAI marker,
 * Anthropic suffix, GitHub CRC32, JWT header, PEM parse, AWS alphabet) and drops placeholders, documented
 * examples and references. Every quantifier is bounded and no two alternatives overlap under a quantifier.
 */

/** `(?<![A-Za-z0-9_-])` and `(?![A-Za-z0-9_-])`: boundaries that work for `-`/`_` bodies (unlike `\b`). */
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export interface SecretHit {
  /** Credential type id (`openai-project`, `github`, `aws-key-id`, ...). */
  readonly type: string;
  /** Human label (`OpenAI project key`). */
  readonly label: string;
  /** Decoded offsets in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly severity: SecuritySeverity;
  /** Environment variable that conventionally holds it (for the env-reference suggestion). */
  readonly envName?: string;
}

// ------------------------------------------------------------------------------------------- helpers

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER_WORDS = /x{4}|X{4}|\*{3}|\.\.\.|…|your|example|sample|placeholder|changeme|change_me|replace|insert|dummy|redacted|here|todo|aaaaaa|abcde|00000|12345|<|>/i;

/** Placeholders and masked values: `sk-xxxx`, `your-api-key-here`, `<YOUR_KEY>`, `sk-proj-****abcd`, `changeme`. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Long runs of one character (`AAAAAAAA`, `--------`).
  if (/(.)\1{7}/.test(value)) return true;
  return isSequential(value);
}

/**
 * Mostly made of ascending runs (`abc123def456ghi789jkl`, `0123456789abcdef`): a hand-typed fake. Random
 * tokens almost never have a run of three consecutive characters.
 */
export function isSequential(value: string): boolean {
  const body = value.replace(/^[A-Za-z]{1,8}[-_]/, '');
  if (body.length < 12) return false;
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= body.length; i++) {
    if (i < body.length && body.charCodeAt(i) === body.charCodeAt(i - 1) + 1) run++;
    else {
      if (run >= 3) covered += run;
      run = 1;
    }
  }
  return covered / body.length >= 0.6;
}

const REFERENCE = /^\$|\$\{|\$\(|\{\{|\{%|%\(|^%[A-Za-z_][A-Za-z0-9_]{0,80}%$|process\.env|os\.environ|getenv|^env:|^env\.|\benv\(|^op:\/\/|^vault:|^arn:aws:|secretsmanager|keyvault|^azure-keyvault:|^secret:|^secrets\.|^!(?:Ref|Sub|GetAtt)|^@Microsoft\.KeyVault/i;

/** Environment and secret-manager references: `${VAR}`, `$VAR`, `${{ secrets.X }}`, `${input:x}`, `{{ }}`, `op://`, `vault:`. */
export function isReference(value: string): boolean {
  return REFERENCE.test(value.trim());
}

const AI_ID = /^(?:chatcmpl-|cmpl-|msg_|toolu_|call_|asst_|thread_|run_|step_|file-|file_|org-|org_|proj_|vs_|vsfb_|batch_|req_|resp_|pmpt_|ft-|ftjob-|evt_|user-|conv_|ws_|sess_|trace_|span_)/;

/** Identifiers of AI APIs that look random but are not credentials. */
export function isAiIdentifier(value: string): boolean {
  return AI_ID.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Bare hex of hash lengths (git/HF SHA-1, MD5, SHA-256, SHA-512), `sha256:`/`sha512-` digests, integrity strings. */
export function isHashLike(value: string): boolean {
  if (/^(?:sha(?:1|256|384|512)[:-]|md5:|blake2b?[:-]|W\/)/i.test(value)) return true;
  return /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i.test(value);
}

const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** Public material from vendor documentation (AWS doc pair, the jwt.io sample). */
export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(value) || /EXAMPLE(?:KEY)?$/.test(value);
}

function hasDigit(s: string): boolean {
  return /[0-9]/.test(s);
}
function hasLetter(s: string): boolean {
  return /[A-Za-z]/.test(s);
}

// ----------------------------------------------------------------------------------- GitHub checksum

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The six-character checksum GitHub (and npm) append to a token's 30 random characters: base62(CRC32), zero-padded. */
export function githubChecksum(random: string): string {
  let n = crc32(random);
  let enc = '';
  while (n > 0) {
    enc = BASE62[n % 62] + enc;
    n = Math.floor(n / 62);
  }
  return enc.padStart(6, '0');
}

/** GitHub (and npm) tokens end with base62(CRC32(the 30 random characters)), zero-padded to 6. */
export function githubChecksumOk(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return githubChecksum(body.slice(0, 30)) === body.slice(30);
}

// ------------------------------------------------------------------------------------------------ JWT

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decode a JWT offline: header and payload must be JSON objects with an `alg`; unsigned tokens are not credentials. */
export function jwtVerdict(token: string, now = Date.now()): SecuritySeverity | undefined {
  const [h, p, s] = token.split('.');
  if (!h || !p) return undefined;
  const header = decodeJsonPart(h);
  const payload = decodeJsonPart(p);
  if (!header || !payload || typeof header.alg !== 'string') return undefined;
  if (header.alg.toLowerCase() === 'none' || !s || s.length < 16) return undefined;
  if (typeof payload.exp === 'number' && payload.exp * 1000 < now) return 'low';
  return 'high';
}

// -------------------------------------------------------------------------------------------- PEM keys

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;

export interface PemHit {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly severity: SecuritySeverity;
  readonly value: string;
}

/**
 * PEM private keys, also with YAML indentation, JSON `\n` escapes left in (a key inside an escaped JSON
 * string) and quotes. The body must parse: `createPrivateKey` for PKCS#1/#8/SEC1, the `openssh-key-v1`
 * magic for OpenSSH. Placeholders such as `-----BEGIN PRIVATE KEY-----\n...\n-----END` fail and are dropped.
 */
export function findPrivateKeys(text: string): PemHit[] {
  const out: PemHit[] = [];
  if (!text.includes('PRIVATE KEY')) return out;
  // Next END marker per kind, searched once per kind and position (keeps many BEGINs without an END linear).
  const nextEnd = new Map<string, number>();
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const kind = m[1]!;
    const endMarker = `-----END ${kind}-----`;
    const from = m.index + m[0].length;
    let endAt = nextEnd.get(kind);
    if (endAt === undefined || (endAt >= 0 && endAt < from)) {
      endAt = text.indexOf(endMarker, from);
      nextEnd.set(kind, endAt);
    }
    if (endAt < 0) continue;
    if (endAt - m.index > 20000) continue;
    const end = endAt + endMarker.length;
    const raw = text.slice(m.index, end);
    const body = text.slice(m.index + m[0].length, endAt).replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\\\//g, '/');
    const lines = body.split(/\r?\n/).map((l) => l.trim().replace(/^["']|(?:(?<!["',])|(?<=^["']))["',]+$/g, '').replace(/^#\s?/, '').replace(/^\/\/\s?/, ''));
    const headers = lines.filter((l) => l.includes(':'));
    const b64 = lines.filter((l) => l && !l.includes(':')).join('');
    if (!/^[A-Za-z0-9+/=]{40,20000}$/.test(b64)) continue;
    let severity: SecuritySeverity | undefined;
    if (kind === 'OPENSSH PRIVATE KEY') {
      if (Buffer.from(b64, 'base64').subarray(0, 15).toString('latin1') === 'openssh-key-v1\0') severity = 'critical';
    } else if (kind.startsWith('PGP')) {
      severity = b64.length > 200 ? 'critical' : undefined;
    } else if (kind === 'ENCRYPTED PRIVATE KEY' || headers.some((h) => /^Proc-Type:\s*4,ENCRYPTED/i.test(h))) {
      severity = b64.length > 200 ? 'medium' : undefined;
    } else {
      const pem = `-----BEGIN ${kind}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n${endMarker}\n`;
      try {
        createPrivateKey({ key: pem, format: 'pem' });
        severity = 'critical';
      } catch {
        severity = undefined;
      }
    }
    if (severity) out.push({ start: m.index, end, kind, severity, value: raw });
  }
  return out;
}

// -------------------------------------------------------------------------------------- typed tokens

interface Detector {
  readonly type: string;
  readonly label: string;
  /** Lower-case keywords: the detector runs only when one occurs in the text (or context window). */
  readonly keywords: readonly string[];
  readonly re: RegExp;
  readonly severity: SecuritySeverity;
  readonly env?: string;
  /** Context words that must occur near the token (window of surrounding text or key path). */
  readonly ctx?: RegExp;
  /** Offline validation: return a severity, `undefined` to keep the default, or `false` to drop. */
  readonly validate?: (value: string) => SecuritySeverity | boolean | undefined;
  /** Shape registered with the masker (defaults to `re`). */
  readonly mask?: boolean;
}

const alnumMix = (v: string) => hasDigit(v) && hasLetter(v);

export const DETECTORS: readonly Detector[] = [
  {
    type: 'openai', label: 'OpenAI API key', keywords: ['sk-'], severity: 'critical', env: 'OPENAI_API_KEY',
    re: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}${E}`, 'g'),
    validate: (v) => {
      if (v.startsWith('sk-ant-') || v.startsWith('sk-or-') || v.startsWith('sk-lf-')) return false;
      if (v.includes('T3BlbkFJ')) return entropy(v) >= 4 ? undefined : false;
      // Newer keys without the marker: prefix-only, long, random.
      if (/^sk-(?:proj|svcacct|admin)-/.test(v)) return v.length >= 80 && v.length <= 220 && entropy(v) >= 4.5 && alnumMix(v) ? undefined : false;
      return false;
    },
  },
  {
    type: 'anthropic', label: 'Anthropic API key', keywords: ['sk-ant-'], severity: 'critical', env: 'ANTHROPIC_API_KEY',
    re: new RegExp(`${B}sk-ant-(?:api03|admin01|oat01)-[A-Za-z0-9_-]{80,130}${E}`, 'g'),
    validate: (v) => {
      const body = v.slice(v.indexOf('-', 7) + 1);
      if (v.startsWith('sk-ant-oat01-')) return entropy(body) >= 4.5;
      return body.length === 95 && body.endsWith('AA') && entropy(body) >= 4.5;
    },
  },
  {
    type: 'openrouter', label: 'OpenRouter API key', keywords: ['sk-or-'], severity: 'critical', env: 'OPENROUTER_API_KEY',
    re: new RegExp(`${B}sk-or-v[0-9]{1,2}-[0-9a-f]{64}${E}`, 'g'), validate: (v) => entropy(v.slice(-64)) >= 3.3,
  },
  {
    type: 'langfuse', label: 'Langfuse secret key', keywords: ['sk-lf-'], severity: 'high', env: 'LANGFUSE_SECRET_KEY',
    re: new RegExp(`${B}sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${E}`, 'g'),
  },
  {
    type: 'deepseek', label: 'DeepSeek API key', keywords: ['sk-'], severity: 'critical', env: 'DEEPSEEK_API_KEY', ctx: /deepseek/i,
    re: new RegExp(`${B}sk-[0-9a-f]{32}${E}`, 'g'), validate: (v) => entropy(v.slice(3)) >= 3.2,
  },
  {
    type: 'langsmith', label: 'LangSmith API key', keywords: ['lsv2_', 'ls__'], severity: 'high', env: 'LANGSMITH_API_KEY',
    re: new RegExp(`${B}(?:lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}|ls__[0-9a-f]{32})${E}`, 'g'), validate: (v) => entropy(v) >= 3.3,
  },
  {
    type: 'huggingface', label: 'Hugging Face token', keywords: ['hf_', 'api_org_'], severity: 'high', env: 'HF_TOKEN',
    re: new RegExp(`${B}(?:hf_|api_org_)[A-Za-z]{34}${E}`, 'g'),
    validate: (v) => {
      const body = v.slice(v.indexOf('_', 3) + 1);
      return entropy(body) >= 3.5 && /[A-Z]/.test(body) && /[a-z]/.test(body) && !/^[A-Z][a-z]+(?:[A-Z][a-z]+){2,}$/.test(body);
    },
  },
  {
    type: 'google-ai', label: 'Google API key', keywords: ['aiza'], severity: 'high', env: 'GOOGLE_API_KEY',
    re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g'), validate: (v) => entropy(v) >= 3.5,
  },
  {
    type: 'groq', label: 'Groq API key', keywords: ['gsk_'], severity: 'critical', env: 'GROQ_API_KEY',
    re: new RegExp(`${B}gsk_[A-Za-z0-9]{48,56}${E}`, 'g'), validate: (v) => entropy(v) >= 4 && alnumMix(v.slice(4)),
  },
  {
    type: 'replicate', label: 'Replicate API token', keywords: ['r8_'], severity: 'high', env: 'REPLICATE_API_TOKEN',
    re: new RegExp(`${B}r8_[A-Za-z0-9_-]{37,40}${E}`, 'g'), validate: (v) => entropy(v) >= 4 && alnumMix(v.slice(3)),
  },
  {
    type: 'perplexity', label: 'Perplexity API key', keywords: ['pplx-'], severity: 'high', env: 'PERPLEXITY_API_KEY',
    re: new RegExp(`${B}pplx-[A-Za-z0-9]{40,56}${E}`, 'g'), validate: (v) => entropy(v) >= 4 && alnumMix(v.slice(5)),
  },
  {
    type: 'xai', label: 'xAI API key', keywords: ['xai-'], severity: 'critical', env: 'XAI_API_KEY',
    re: new RegExp(`${B}xai-[A-Za-z0-9_]{70,90}${E}`, 'g'), validate: (v) => entropy(v) >= 4.3 && alnumMix(v.slice(4)),
  },
  {
    type: 'together', label: 'Together AI API key', keywords: ['tgp_v1_'], severity: 'high', env: 'TOGETHER_API_KEY',
    re: new RegExp(`${B}tgp_v1_[A-Za-z0-9_-]{43}${E}`, 'g'), validate: (v) => entropy(v) >= 4,
  },
  {
    type: 'fireworks', label: 'Fireworks AI API key', keywords: ['fw_'], severity: 'medium', env: 'FIREWORKS_API_KEY',
    re: new RegExp(`${B}fw_[A-Za-z0-9]{24}${E}`, 'g'), validate: (v) => entropy(v) >= 3.8 && alnumMix(v.slice(3)) && /[A-Z]/.test(v) && /[a-z]/.test(v.slice(3)),
  },
  {
    type: 'pinecone', label: 'Pinecone API key', keywords: ['pcsk_'], severity: 'high', env: 'PINECONE_API_KEY',
    re: new RegExp(`${B}pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}${E}`, 'g'), validate: (v) => entropy(v) >= 4,
  },
  {
    type: 'cohere', label: 'Cohere API key', keywords: ['cohere', 'co_api'], severity: 'high', env: 'COHERE_API_KEY', ctx: /cohere|co_api_key/i,
    re: new RegExp(`${B}[A-Za-z0-9]{40}${E}`, 'g'), validate: (v) => entropy(v) >= 4.2 && alnumMix(v) && /[g-zG-Z]/.test(v), mask: false,
  },
  {
    type: 'mistral', label: 'Mistral API key', keywords: ['mistral'], severity: 'high', env: 'MISTRAL_API_KEY', ctx: /mistral/i,
    re: new RegExp(`${B}[A-Za-z0-9]{32}${E}`, 'g'), validate: (v) => entropy(v) >= 4 && alnumMix(v) && /[g-zG-Z]/.test(v), mask: false,
  },
  {
    type: 'wandb', label: 'Weights & Biases API key', keywords: ['wandb', 'weights'], severity: 'high', env: 'WANDB_API_KEY', ctx: /wandb|weights\s{0,3}(?:&|and)\s{0,3}biases/i,
    re: new RegExp(`${B}[0-9a-f]{40}${E}`, 'g'), validate: (v) => entropy(v) >= 3.3, mask: false,
  },
  {
    type: 'azure-openai', label: 'Azure OpenAI key', keywords: ['azure'], severity: 'high', env: 'AZURE_OPENAI_API_KEY', ctx: /azure/i,
    re: new RegExp(`${B}[0-9a-f]{32}${E}`, 'g'), validate: (v) => entropy(v) >= 3.3, mask: false,
  },
  {
    type: 'aws-key-id', label: 'AWS access key id', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], severity: 'high', env: 'AWS_ACCESS_KEY_ID',
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    validate: (v) => !isDocumentedExample(v) && entropy(v.slice(4)) >= 3,
  },
  {
    type: 'aws-secret', label: 'AWS secret access key', keywords: ['aws', 'secret_access', 'secretaccess'], severity: 'critical', env: 'AWS_SECRET_ACCESS_KEY',
    ctx: /aws|secret_?access_?key|secretaccesskey/i,
    re: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    validate: (v) => !isDocumentedExample(v) && !/^[0-9a-f]{40}$/i.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && hasDigit(v) && entropy(v) >= 4.2,
    mask: false,
  },
  {
    type: 'github', label: 'GitHub token', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_'], severity: 'critical', env: 'GITHUB_TOKEN',
    re: new RegExp(`${B}(?:gh[pousr]|npm)_[A-Za-z0-9]{36}${E}`, 'g'), validate: (v) => githubChecksumOk(v),
  },
  {
    type: 'github-fine-grained', label: 'GitHub fine-grained token', keywords: ['github_pat_'], severity: 'critical', env: 'GITHUB_TOKEN',
    re: new RegExp(`${B}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${E}`, 'g'), validate: (v) => entropy(v.slice(11)) >= 4.3,
  },
  {
    type: 'slack', label: 'Slack token', keywords: ['xox'], severity: 'high', env: 'SLACK_BOT_TOKEN',
    re: new RegExp(`${B}xox[abeoprs]-[0-9]{8,16}-[A-Za-z0-9-]{8,200}${E}`, 'g'), validate: (v) => entropy(v) >= 3.5 && !/-0{6,}-/.test(v),
  },
  {
    type: 'slack-webhook', label: 'Slack webhook URL', keywords: ['hooks.slack.com'], severity: 'high', env: 'SLACK_WEBHOOK_URL',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,120}/g,
    validate: (v) => {
      const tail = v.slice(v.lastIndexOf('/') + 1);
      return !/T0{8}|B0{8}/.test(v) && tail.length >= 20 && entropy(tail) >= 3.5;
    },
  },
  {
    type: 'stripe', label: 'Stripe secret key', keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], severity: 'critical', env: 'STRIPE_SECRET_KEY',
    re: new RegExp(`${B}[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,99}${E}`, 'g'),
    validate: (v) => (entropy(v.slice(8)) >= 3.5 && alnumMix(v.slice(8)) ? (v.includes('_test_') ? 'medium' : undefined) : false),
  },
  {
    type: 'jwt', label: 'JSON Web Token', keywords: ['eyj'], severity: 'high', env: 'AUTH_TOKEN',
    re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{5,4000}\\.eyJ[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{0,4000}${E}`, 'g'),
    validate: (v) => (isDocumentedExample(v) ? false : (jwtVerdict(v) ?? false)),
  },
];

for (const d of DETECTORS) if (d.mask !== false) registerSecretShape(new RegExp(d.re.source, 'g'));
// Context-only formats are masked when they follow a key name that names them.
registerSecretShape(/(?<=(?:api[_-]?key|secret|token|password|passwd|pwd)["']?\s{0,3}[:=]\s{0,3}["']?)[A-Za-z0-9/+_=.-]{16,200}/gi);

const CONTEXT_KEYWORDS = [...new Set(DETECTORS.filter((d) => d.ctx).flatMap((d) => d.keywords))];

/**
 * Every detector keyword (lower case) found in one native pass instead of one `includes` per keyword. Matches may
 * overlap (the search resumes one character after each match start), and a match also marks the keywords it
 * starts with ("sk-ant-" marks "sk-"), so the set is exactly the keywords that occur. When matches keep finding
 * nothing new (a file-long "sk-sk-sk-…"), the search goes on for the keywords not found yet only.
 */
const ALL_KEYWORDS = [...new Set(DETECTORS.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const keywordSearch = (keywords: readonly string[]): RegExp => new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'g');
const KEYWORD_SEARCH = keywordSearch(ALL_KEYWORDS);
const KEYWORD_PREFIXES = new Map(ALL_KEYWORDS.map((k) => [k, ALL_KEYWORDS.filter((p) => k.startsWith(p))]));
/** Searches without the keywords already found, by the found set (bounded: one per distinct set, at most 256). */
const NARROWED = new Map<string, RegExp | null>();
/** Matches in a row that found no new keyword before the search is narrowed. */
const NARROW_AFTER = 16;

function searchWithout(found: ReadonlySet<string>): RegExp | null {
  const key = ALL_KEYWORDS.filter((k) => found.has(k)).join('\n');
  let re = NARROWED.get(key);
  if (re === undefined) {
    const rest = ALL_KEYWORDS.filter((k) => !found.has(k));
    re = rest.length ? keywordSearch(rest) : null;
    if (NARROWED.size < 256) NARROWED.set(key, re);
  }
  return re;
}

export function presentKeywords(lower: string): ReadonlySet<string> {
  const out = new Set<string>();
  let re: RegExp | null = KEYWORD_SEARCH;
  let idle = 0;
  re.lastIndex = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const size = out.size;
    for (const k of KEYWORD_PREFIXES.get(m[0])!) out.add(k);
    if (out.size > size) idle = 0;
    else if (++idle >= NARROW_AFTER) {
      idle = 0;
      re = searchWithout(out);
      if (!re) break;
    }
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** Which context-detector keywords occur in a (whole-file) text: computed once per file. */
export function keywordsIn(text: string): ReadonlySet<string> {
  const present = presentKeywords(text.toLowerCase());
  return new Set(CONTEXT_KEYWORDS.filter((k) => present.has(k)));
}

/** Window of surrounding text (and the key path) a context-only detector looks at. */
function contextWindow(text: string, start: number, end: number, extra: string): string {
  // The token's line and the two lines before it, at most 240 characters back.
  let from = start;
  for (let n = 0; n < 3 && from > 0; n++) {
    const nl = text.lastIndexOf('\n', from - 1);
    from = nl < 0 ? 0 : nl;
  }
  from = Math.max(from, start - 240);
  let to = text.indexOf('\n', end);
  if (to < 0 || to - end > 80) to = Math.min(text.length, end + 80);
  return `${extra}\n${text.slice(from, to)}`;
}

export interface FindOptions {
  /** Extra context (key path, surrounding file text) for detectors that need a provider word nearby. */
  readonly context?: string | (() => string);
  /** Keywords present in the whole file (see `keywordsIn`): context-only detectors whose keyword is absent are skipped. */
  readonly scope?: ReadonlySet<string>;
}

/**
 * Typed credentials in a text. `context` adds the key path and nearby file text, so a Cohere key under
 * `COHERE_API_KEY:` counts although the key is not in the value.
 */
export function findTypedSecrets(text: string, options: FindOptions = {}): SecretHit[] {
  const found: (SecretHit & { priority: number })[] = [];
  if (text.length < 16) return found;
  const lower = text.toLowerCase();
  const present = presentKeywords(lower);
  let context: string | undefined;
  let ctxLower: string | undefined;
  const ctx = (): string => (context ??= typeof options.context === 'function' ? options.context() : (options.context ?? ''));
  DETECTORS.forEach((d, priority) => {
    if (d.ctx) {
      if (options.scope && !d.keywords.some((k) => options.scope!.has(k))) return;
      if (!d.keywords.some((k) => present.has(k) || (ctxLower ??= ctx().toLowerCase()).includes(k))) return;
    } else if (!d.keywords.some((k) => present.has(k))) return;
    d.re.lastIndex = 0;
    for (let m = d.re.exec(text); m && found.length < 2000; m = d.re.exec(text)) {
      const value = m[0];
      const start = m.index;
      const end = start + value.length;
      if (isPlaceholder(value) || isDocumentedExample(value)) continue;
      if (d.ctx && !d.ctx.test(contextWindow(text, start, end, ctx()))) continue;
      if (d.ctx && (isHashContext(text, start) || isUuidFragment(text, start, end))) continue;
      let severity = d.severity;
      if (d.validate) {
        const v = d.validate(value);
        if (v === false) continue;
        if (typeof v === 'string') severity = v;
      }
      found.push({ type: d.type, label: d.label, start, end, value, severity, envName: d.env, priority });
    }
  });
  // Overlaps (a DeepSeek-shaped `sk-` inside a longer token): the earlier detector in the table wins. Sorted sweep: linear after the sort.
  found.sort((a, b) => a.start - b.start || a.priority - b.priority);
  const out: (SecretHit & { priority: number })[] = [];
  let last: (SecretHit & { priority: number }) | undefined;
  for (const h of found) {
    if (last && h.start < last.end) {
      if (h.priority < last.priority) {
        out[out.length - 1] = h;
        last = h;
      }
      continue;
    }
    out.push(h);
    last = h;
  }
  return out.map(({ priority: _p, ...h }) => h);
}

/** `sha256:…`, `@sha256:`, `#…` after a tarball, `commit …` — hex after these is a digest. */
function isHashContext(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
  return /(?:sha\d{1,3}[:-]|md5[:-]|\.tgz#|@|commit\s|revision[:=\s]\s?)$/.test(before);
}

function isUuidFragment(text: string, start: number, end: number): boolean {
  return text[start - 1] === '-' || text[end] === '-';
}

/** A value shaped like a typed credential whose offline check failed (a GitHub token with a bad checksum). */
export function isFailedTypedShape(value: string): boolean {
  if (/^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/.test(value)) return !githubChecksumOk(value);
  return false;
}

// ---------------------------------------------------------------------------------- URL credentials

/** `scheme://user:password@host`: bounded parts; the user part cannot hold `:` so the split is unambiguous. */
const URL_CREDENTIAL = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"`<>]{1,100}):([^\s@/'"`<>]{1,200})@([^\s/:'"`?#<>]{1,255})/gi;

export interface UrlCredentialHit {
  readonly start: number;
  readonly end: number;
  readonly password: string;
  readonly scheme: string;
  readonly host: string;
  readonly severity: SecuritySeverity;
}

const WEAK_PASSWORDS = /^(?:pass(?:word)?|passwd|pwd|secret|changeme|admin|root|user|test|guest|postgres|mysql|redis|example|default|x+|\*+|password\d?)$/i;

export function findUrlCredentials(text: string): UrlCredentialHit[] {
  const out: UrlCredentialHit[] = [];
  if (!text.includes('://')) return out;
  URL_CREDENTIAL.lastIndex = 0;
  for (let m = URL_CREDENTIAL.exec(text); m && out.length < 1000; m = URL_CREDENTIAL.exec(text)) {
    const [, scheme, user, password, host] = m as unknown as [string, string, string, string, string];
    if (password.length < 4 || isReference(password) || isReference(user) || isPlaceholder(password) || WEAK_PASSWORDS.test(password)) continue;
    if (/^[A-Z][A-Z_]{2,}$/.test(password) || /^\{.*\}$/.test(password) || password.startsWith('%')) continue;
    if (/^(?:user|username|usr|login|name|<[^>]*>)$/i.test(user) && password.length < 12) continue;
    if (/^(?:host|hostname|server|your|example)/i.test(host) || host.includes('{') || host.includes('$')) continue;
    const lowerHost = host.toLowerCase();
    const local = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|db|database|postgres|mysql|redis|mongo|host\.docker\.internal)$/.test(lowerHost);
    const passStart = m.index + scheme.length + 3 + user.length + 1;
    out.push({ start: passStart, end: passStart + password.length, password, scheme, host, severity: local ? 'medium' : 'high' });
  }
  return out;
}
