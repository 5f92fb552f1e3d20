import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { findPrivateKeys } from './_secret-detectors.ts';

/**
 * A PEM private key (PKCS#1, PKCS#8, SEC1, OpenSSH, encrypted, PGP), including the `private_key` of a Google
 * Cloud service-account JSON, also when that JSON sits escaped inside an environment string. The key body is
 * parsed offline (`crypto.createPrivateKey`, the `openssh-key-v1` magic), so truncated and placeholder
 * blocks are not findings; public keys never are.
 */
export const privateKey: Rule = {
  meta: {
    id: 'private-key',
    category: 'secrets',
    type: 'problem',
    docs: {
      description: 'Private keys (PEM, OpenSSH, service-account JSON) must not be embedded in prompt and agent files',
      preset: 'recommended',
      url: docsUrl('private-key'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      found: 'Private key ({{kind}}{{where}}) is embedded in the file: it grants whatever the key signs for. Revoke it and load it from a secret store.',
    },
  },
  checkSegment(segment, context) {
    for (const hit of findPrivateKeys(segment.value)) {
      const r = segmentRange(segment, hit.start, hit.end);
      const sa = /"type"\s{0,3}:\s{0,3}\\?"service_account/.test(segment.value) || /service_account/.test(context.document.file.text.slice(0, 4000));
      context.report({
        messageId: 'found',
        data: { kind: hit.kind.toLowerCase(), where: sa ? ', Google Cloud service account' : '' },
        start: r.start,
        end: r.end,
        securitySeverity: hit.severity,
      });
    }
  },
};
