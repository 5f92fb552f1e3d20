import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { maskSecret } from '../util/mask.ts';
import { docsUrl } from './_docs-url.ts';
import { findTypedSecrets, keywordsIn } from './_secret-detectors.ts';
import { envReferenceSuggestion } from './_secret-fix.ts';
import { segmentContextText } from './_secret-values.ts';

const scopes = new WeakMap<object, ReadonlySet<string>>();
function scopeOf(doc: { file: { text: string } }): ReadonlySet<string> {
  let s = scopes.get(doc);
  if (!s) scopes.set(doc, (s = keywordsIn(doc.file.text)));
  return s;
}

/**
 * A typed credential (a format with a known prefix or, for a few providers, a known shape next to the
 * provider's name) anywhere in a prompt, instruction file or config: AI/LLM providers, cloud, SCM, chat and
 * payment tokens, JWTs. Each is validated offline (OpenAI marker, Anthropic suffix, GitHub CRC32, JWT header,
 * AWS alphabet) and placeholders, masked keys and documented examples are dropped.
 */
export const providerApiKey: Rule = {
  meta: {
    id: 'provider-api-key',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'Provider API keys and tokens (OpenAI, Anthropic, GitHub, AWS, Slack, Stripe, JWTs, ...) must not be written into prompt and agent files',
      preset: 'recommended',
      url: docsUrl('provider-api-key'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    hasSuggestions: true,
    messages: {
      found: '{{label}} {{masked}} is hard-coded in the file: anyone who can read it (and the model) can use it. Revoke it and load it from {{env}} or a secret manager.',
    },
  },
  checkSegment(segment, context) {
    const doc = context.document;
    const hits = findTypedSecrets(segment.value, { context: () => segmentContextText(doc, segment), scope: scopeOf(doc) });
    for (const hit of hits) {
      const r = segmentRange(segment, hit.start, hit.end);
      const env = hit.envName ?? 'API_KEY';
      const whole = segment.path.length > 0 && segment.value.trim() === hit.value;
      const suggestion = whole ? envReferenceSuggestion(doc, r.start, r.end, env, segment.path[0] === 'servers' ? 'vscode' : 'dollar') : undefined;
      context.report({
        messageId: 'found',
        data: { label: hit.label, masked: maskSecret(hit.value), env: `\${${env}}` },
        start: r.start,
        end: r.end,
        securitySeverity: hit.severity,
        suggestions: suggestion ? [suggestion] : undefined,
      });
    }
  },
};
