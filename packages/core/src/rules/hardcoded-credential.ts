import type { Rule, SecuritySeverity, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { maskSecret } from '../util/mask.ts';
import { docsUrl } from './_docs-url.ts';
import { envReferenceSuggestion } from './_secret-fix.ts';
import { credentialVerdict, envNameFor, isLangchainSecretSegment, mcpFieldStarts } from './_secret-values.ts';

/**
 * A literal value under a credential key (`api_key`, `token`, `password`, `client_secret`, `Authorization`,
 * `x-api-key`) in an agent, prompt or model config, or as an assignment or HTTP header in prose and code.
 * Generic: entropy and character-class checks, and the placeholder, reference, AI-id, UUID and hash
 * denylists. Typed tokens belong to `provider-api-key`, URLs to `credential-in-url`, MCP server fields to
 * `mcp-literal-credential`, LangChain secret fields to `langchain-literal-secret`.
 */
export const hardcodedCredential: Rule = {
  meta: {
    id: 'hardcoded-credential',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'Credential keys (api_key, token, password, Authorization) in agent and prompt configs must not hold literal values',
      preset: 'recommended',
      url: docsUrl('hardcoded-credential'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'high',
    hasSuggestions: true,
    messages: {
      config: "Key '{{key}}' holds a literal {{kind}} {{masked}}. Load it from an environment variable or secret manager instead.",
      text: "'{{key}}' is assigned a literal {{kind}} {{masked}}. Load it from an environment variable or secret manager instead.",
    },
  },
  checkSegment(segment, context) {
    const doc = context.document;
    const last = segment.path[segment.path.length - 1];
    if (segment.path.length > 0 && segment.context !== 'key') {
      if (typeof last !== 'string') return; // list items (args) have no key name
      if (mcpFieldStarts(doc).has(segment.map.base) || isLangchainSecretSegment(doc, segment)) return;
      const v = credentialVerdict(last, segment.value);
      if (!v) return;
      const r = segmentRange(segment, v.offset, v.offset + v.secret.length);
      const whole = v.offset === 0 && v.secret.length === segment.value.length;
      const s = whole ? envReferenceSuggestion(doc, r.start, r.end, envNameFor(last)) : undefined;
      context.report({
        messageId: 'config',
        data: { key: last, kind: v.kind, masked: maskSecret(v.secret) },
        ...r,
        securitySeverity: v.severity,
        suggestions: s ? [s] : undefined,
      });
      return;
    }
    for (const hit of findAssignments(segment)) {
      const r = segmentRange(segment, hit.start, hit.end);
      context.report({ messageId: 'text', data: { key: hit.key, kind: hit.kind, masked: maskSecret(hit.secret) }, ...r, securitySeverity: hit.severity });
    }
  },
};

const KEYWORDS = ['key', 'secret', 'token', 'pass', 'pwd', 'auth', 'credential', 'bearer'];
/** `name = value`, `name: value`, `name => value`, `name := value`; the name starts at an identifier boundary. */
const ASSIGN = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,60})["']?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}(["'`]?)((?:(?:Bearer|Token|Basic)[ \t]{1,3})?[^\s"'`,;<>(){}[\]\\]{8,300})/g;

/** The engine keeps at most 1000 findings per file: stop looking once a segment has that many. */
const MAX_HITS = 1000;

interface AssignmentHit {
  start: number;
  end: number;
  key: string;
  secret: string;
  kind: string;
  severity: SecuritySeverity;
}

function findAssignments(segment: TextSegment): AssignmentHit[] {
  const text = segment.value;
  const out: AssignmentHit[] = [];
  const lower = text.toLowerCase();
  if (!KEYWORDS.some((k) => lower.includes(k))) return out;
  ASSIGN.lastIndex = 0;
  for (let m = ASSIGN.exec(text); m && out.length < MAX_HITS; m = ASSIGN.exec(text)) {
    const key = m[1]!;
    const value = m[3]!;
    const v = credentialVerdict(key.replace(/^.*\./, (p) => p.replace(/\./g, '_')), value);
    if (!v) continue;
    const valueStart = m.index + m[0].length - value.length;
    const start = valueStart + v.offset;
    out.push({ start, end: start + v.secret.length, key, secret: v.secret, kind: v.kind, severity: segment.context === 'prose' ? 'medium' : v.severity });
  }
  return out;
}
