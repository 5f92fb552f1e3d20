import { isUtf8 } from 'node:buffer';
import type { Rule, SecuritySeverity, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { CUE_LABEL, findHiddenCues, quoteCue } from './_hidden-cues.ts';

/**
 * Instructions hidden by encoding: base64 and hex blobs that decode to text reading like an injection,
 * exfiltration or tool-poisoning instruction, rot13 text announced as such, and requests to decode something and
 * follow it. Images (`data:image/...`), hashes, keys, JWTs, integrity strings and UUIDs decode to binary or to
 * harmless JSON and are never reported.
 */
export const encodedPayload: Rule = {
  meta: {
    id: 'encoded-payload',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Prompts must not carry encoded instructions or ask the model to decode and follow text',
      preset: 'recommended',
      url: docsUrl('encoded-payload'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      payload: '{{encoding}} text decodes to {{what}}: "{{decoded}}".',
      decodeRequest: 'Request to decode {{encoding}} text and follow it: "{{phrase}}". Encoding hides the instruction from review and filters.',
    },
  },
  checkSegment(segment, context) {
    const text = segment.value;
    const severity: SecuritySeverity = segment.context === 'tool-description' || segment.context === 'instructions' ? 'critical' : 'high';
    if (text.length >= 40) {
      scanBlobs(segment, severity, context.report);
    }
    if (DECODE_HINT.test(text)) {
      DECODE_REQUEST.lastIndex = 0;
      for (let m = DECODE_REQUEST.exec(text); m; m = DECODE_REQUEST.exec(text)) {
        const r = segmentRange(segment, m.index, m.index + m[0].length);
        context.report({ messageId: 'decodeRequest', data: { encoding: (m[1] ?? m[2] ?? m[3] ?? 'encoded').toLowerCase(), phrase: quoteCue(m[0]) }, start: r.start, end: r.end, securitySeverity: severity });
      }
      ROT13.lastIndex = 0;
      for (let m = ROT13.exec(text); m; m = ROT13.exec(text)) {
        const body = m[1]!;
        const decoded = rot13(body);
        const cue = findHiddenCues(decoded)[0];
        if (!cue) continue;
        const s = m.index + m[0].length - body.length;
        const r = segmentRange(segment, s, s + body.length);
        context.report({ messageId: 'payload', data: { encoding: 'rot13', what: CUE_LABEL[cue.kind], decoded: quoteCue(decoded) }, start: r.start, end: r.end, securitySeverity: severity });
      }
    }
  },
};

type Report = (d: { messageId: string; data: Record<string, string>; start: number; end: number; securitySeverity: SecuritySeverity }) => void;

const BASE64 = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{40,20000}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX = /(?<![0-9A-Za-z])[0-9A-Fa-f]{40,20000}(?![0-9A-Za-z])/g;
const HEX_ESCAPES = /(?:\\x[0-9A-Fa-f]{2}){16,5000}/g;
const HEX_SPACED = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}[ :]){15,5000}[0-9A-Fa-f]{2}(?![0-9A-Za-z])/g;
/** Media and binary data URIs: an image is not an instruction. */
const BINARY_DATA_URI = /data:(?:image|audio|video|font|application\/(?:octet-stream|pdf|zip|wasm|x-font|font))[^,;\s]{0,100}(?:;[^,;\s]{1,100}){0,4};base64,$/i;
const INTEGRITY = /(?:sha(?:1|224|256|384|512)[-:]|integrity["':\s]{1,10}|sha\d{3}sum\s{1,5})$/i;

function scanBlobs(segment: TextSegment, severity: SecuritySeverity, report: Report): void {
  const text = segment.value;
  const emit = (start: number, end: number, encoding: string, decoded: string) => {
    const cue = findHiddenCues(decoded)[0];
    if (!cue) return;
    const r = segmentRange(segment, start, end);
    report({ messageId: 'payload', data: { encoding, what: CUE_LABEL[cue.kind], decoded: quoteCue(decoded) }, start: r.start, end: r.end, securitySeverity: severity });
  };
  // Base64 and plain hex blobs are runs of at least 40 alphabet characters: look for one before any regex.
  const longRun = hasLongRun(text);
  BASE64.lastIndex = 0;
  for (let m = longRun ? BASE64.exec(text) : null; m; m = BASE64.exec(text)) {
    const blob = m[0];
    if (!/[A-Za-z]/.test(blob) || /^[0-9A-Fa-f]+$/.test(blob)) continue; // hex is handled below
    const before = text.slice(Math.max(0, m.index - 160), m.index);
    if (BINARY_DATA_URI.test(before) || INTEGRITY.test(before)) continue;
    if (blob.startsWith('eyJ') && text[m.index + blob.length] === '.') continue; // JWT header
    const decoded = decodeBase64(blob);
    if (decoded === undefined) continue;
    // One level of nesting (base64 of base64).
    const inner = /^[A-Za-z0-9+/_-]{40,}={0,2}$/.test(decoded.trim()) ? decodeBase64(decoded.trim()) : undefined;
    emit(m.index, m.index + blob.length, 'Base64', inner ?? decoded);
  }
  for (const re of [HEX, HEX_SPACED, HEX_ESCAPES]) {
    if (re === HEX && !longRun) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const digits = m[0].replace(/\\x|[ :]/g, '');
      if (digits.length % 2) continue;
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (INTEGRITY.test(before)) continue;
      const decoded = printableUtf8(Buffer.from(digits, 'hex'));
      if (decoded !== undefined) emit(m.index, m.index + m[0].length, 'Hex', decoded);
    }
  }
}

/** The Base64url/Base64 alphabet (hex digits included), as a lookup table. */
const BLOB_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') BLOB_CHAR[c.charCodeAt(0)] = 1;

/** Whether `text` has a run of 40 or more Base64/hex alphabet characters (one linear pass, no regex). */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && BLOB_CHAR[c] === 1) {
      if (++run >= 40) return true;
    } else run = 0;
  }
  return false;
}

function decodeBase64(blob: string): string | undefined {
  const std = blob.replace(/-/g, '+').replace(/_/g, '/');
  if (std.replace(/(?<!=)=+$/, '').length % 4 === 1) return undefined;
  return printableUtf8(Buffer.from(std, 'base64'));
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text when they are valid UTF-8 and nearly all printable; undefined for binary. */
function printableUtf8(bytes: Uint8Array): string | undefined {
  if (bytes.length < 12) return undefined;
  // Validate first (native, no exception): throwing from the fatal decoder cost microseconds per rejected blob.
  if (!isUtf8(bytes)) return undefined;
  let s: string;
  try {
    s = DECODER.decode(bytes);
  } catch {
    return undefined;
  }
  let ok = 0;
  let total = 0;
  for (const c of s) {
    total++;
    if (/[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n\r\t]/u.test(c)) ok++;
  }
  if (total === 0 || ok / total < 0.95) return undefined;
  if (!/\p{L}{3}/u.test(s)) return undefined;
  return s;
}

const DECODE_HINT = /base ?64|b64|rot-?13|\bhex|caesar|morse|binary|encod|obfuscat|decod|decipher/i;
const ENCODING = String.raw`(base ?64|b64|rot-?13|hex(?:adecimal)?|caesar(?:\scipher)?|morse(?:\scode)?|binary|encoded|obfuscated|encrypted|reversed)`;
const STRONG = String.raw`(?:follow|obey|comply\swith|act\s(?:on|upon)|carry\sout|do\swhat\s(?:it|they)\s(?:says?|asks?|tells?)|execute|run|perform|apply|treat\s(?:it|them)\sas\s(?:your\s)?(?:new\s)?instructions)`;
const OBJECT = String.raw`(?:\s(?:it|them|that|this|those|these|the\s(?:result|decoded|resulting|instructions?|commands?|text|message|payload|content|output|steps)|what(?:ever)?\sit\s(?:says|contains)|accordingly|exactly|immediately|without\s))`;
/**
 * "decode this base64 and follow it", "decode the following rot13 text, then execute the instructions",
 * "follow the base64-encoded instructions below".
 */
const DECODE_REQUEST = new RegExp(
  String.raw`\b(?:decode|decipher|unscramble|de-?obfuscate|translate|convert)\b[^.\n]{0,80}?\b${ENCODING}\b[^.\n]{0,80}?\b(?:and|then)\s(?:then\s|immediately\s|silently\s)?${STRONG}(?=${OBJECT}|[.!,;:\n]|$)` +
    String.raw`|\b(?:follow|obey|execute|run|carry\sout|comply\swith)\s(?:the\s)?(?:instructions?|commands?|steps|text|message|payload)\s(?:(?:that\s(?:is|are)\s)?(?:encoded|hidden|written)\s)?in\s${ENCODING}\b` +
    String.raw`|\b(?:follow|obey|execute|run|carry\sout|comply\swith)\s(?:the\s)?${ENCODING}(?:-|\s)(?:encoded\s|encrypted\s)?(?:instructions?|commands?|payload|text|message)\b`,
  'gi',
);
/** Text announced as rot13: `rot13: ...` or `(rot13) ...` up to the end of the line. */
const ROT13 = /\brot-?13\b(?:\s?\)|\s?encoded)?\s{0,3}[:\-–]?\s{0,3}["'`]?([A-Za-z][A-Za-z ,.'!?-]{19,400})/gi;

function rot13(s: string): string {
  return s.replace(/[A-Za-z]/g, (c) => {
    const b = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - b + 13) % 26) + b);
  });
}
