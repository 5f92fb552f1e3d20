import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { maskSecret } from '../util/mask.ts';
import { docsUrl } from './_docs-url.ts';
import { findTypedSecrets, isPlaceholder, isReference } from './_secret-detectors.ts';
import { isLangchainSecretSegment } from './_secret-values.ts';

/**
 * A LangChain serialized object (hub export, `dumps`/`dumpd` output) whose secret field (`openai_api_key`,
 * `anthropic_api_key`, `huggingfacehub_api_token`, ...) holds a literal string. LangChain writes secrets as
 * `{"lc": 1, "type": "secret", "id": ["OPENAI_API_KEY"]}` and resolves them at load time; a literal means
 * the key was serialized by hand or by an old version, and everyone who pulls the manifest gets it.
 */
export const langchainLiteralSecret: Rule = {
  meta: {
    id: 'langchain-literal-secret',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'LangChain manifests must hold secret references ({"lc":1,"type":"secret"}), not literal keys',
      preset: 'recommended',
      url: docsUrl('langchain-literal-secret'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    hasSuggestions: true,
    messages: {
      literal: "LangChain field '{{field}}' holds a literal secret {{masked}} instead of a secret reference: everyone who pulls this manifest gets the key.",
      suggest: 'Replace the literal with {"lc": 1, "type": "secret", "id": ["{{env}}"]}',
    },
  },
  checkDocument(doc, context) {
    if (doc.kind !== 'langchain' && doc.kind !== 'langchain-legacy') return;
    for (const segment of doc.segments) {
      if (!isLangchainSecretSegment(doc, segment)) continue;
      const value = segment.value.trim();
      if (value.length < 8 || /\s/.test(value) || isReference(value) || isPlaceholder(value)) continue;
      const field = String(segment.path[segment.path.length - 1]);
      const typed = findTypedSecrets(value);
      if (!typed.length && !/[0-9]/.test(value)) continue;
      const r = segmentRange(segment, 0, segment.value.length);
      const env = field.toUpperCase();
      const text = doc.file.text;
      const quoted = doc.format === 'json' && text[r.start - 1] === '"' && text[r.end] === '"';
      context.report({
        messageId: 'literal',
        data: { field, masked: maskSecret(value) },
        start: r.start,
        end: r.end,
        securitySeverity: typed.length ? 'critical' : 'high',
        suggestions: quoted
          ? [{ desc: `Replace the literal with {"lc": 1, "type": "secret", "id": ["${env}"]}`, fix: { edits: [{ start: r.start - 1, end: r.end + 1, text: `{"lc": 1, "type": "secret", "id": ["${env}"]}` }] } }]
          : undefined,
      });
    }
  },
};
