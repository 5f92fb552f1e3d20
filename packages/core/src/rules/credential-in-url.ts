import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { maskSecret } from '../util/mask.ts';
import { docsUrl } from './_docs-url.ts';
import { findUrlCredentials } from './_secret-detectors.ts';

/**
 * A URL with a password in its userinfo: database connection strings (`postgres://app:pw@db/…`,
 * `mongodb+srv://…`, `redis://…`), brokers and HTTP URLs. References (`${DB_PASSWORD}`), placeholders
 * (`<password>`, `PASSWORD`) and weak doc words are not findings; local hosts are medium.
 */
export const credentialInUrl: Rule = {
  meta: {
    id: 'credential-in-url',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'Connection strings and URLs must not carry a literal password',
      preset: 'recommended',
      url: docsUrl('credential-in-url'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      found: "{{scheme}}:// URL to '{{host}}' carries a literal password {{masked}}. Put the password in an environment variable or secret store and build the URL at run time.",
    },
  },
  checkSegment(segment, context) {
    for (const hit of findUrlCredentials(segment.value)) {
      const r = segmentRange(segment, hit.start, hit.end);
      context.report({
        messageId: 'found',
        data: { scheme: hit.scheme.toLowerCase(), host: hit.host, masked: maskSecret(hit.password) },
        start: r.start,
        end: r.end,
        securitySeverity: hit.severity,
      });
    }
  },
};
