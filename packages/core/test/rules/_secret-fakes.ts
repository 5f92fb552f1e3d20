/**
 * Format-valid FAKE credentials for the secrets tests, built at run time from a fixed seed so no test source
 * holds a key-shaped literal. None was ever issued by a provider.
 */
let seed = 0x2545f491;
function rand(): number {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 4294967296;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
export function chars(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  // Guarantee a digit, an upper- and a lower-case letter where the alphabet has them (entropy checks).
  if (n >= 12 && alphabet === ALNUM) s = `a${s.slice(1, -2)}Z7`;
  return s;
}
export const alnum = (n: number) => chars(ALNUM, n);
export const hex = (n: number) => chars('0123456789abcdef', n);

/** A GitHub-shaped token with a valid checksum (the detector checks it). */
export function github(prefix = 'ghp_'): string {
  const body = alnum(30);
  return `${prefix}${body}${githubChecksum(body)}`;
}

export const fake = {
  openaiProject: () => `sk-proj-${alnum(64)}T3BlbkFJ${alnum(64)}`,
  openaiLegacy: () => `sk-${alnum(20)}T3BlbkFJ${alnum(20)}`,
  anthropic: () => `sk-ant-api03-${alnum(93)}AA`,
  anthropicAdmin: () => `sk-ant-admin01-${alnum(93)}AA`,
  langsmith: () => `lsv2_pt_${hex(32)}_${hex(10)}`,
  huggingface: () => `hf_${chars(UPPER + LOWER, 34)}`,
  google: () => `AIza${alnum(35)}`,
  groq: () => `gsk_${alnum(52)}`,
  replicate: () => `r8_${alnum(37)}`,
  perplexity: () => `pplx-${alnum(48)}`,
  xai: () => `xai-${alnum(80)}`,
  openrouter: () => `sk-or-v1-${hex(64)}`,
  together: () => `tgp_v1_${alnum(43)}`,
  fireworks: () => `fw_${alnum(24)}`,
  pinecone: () => `pcsk_${alnum(5)}_${alnum(63)}`,
  langfuse: () => `sk-lf-${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  cohere: () => alnum(40),
  mistral: () => alnum(32),
  deepseek: () => `sk-${hex(32)}`,
  wandb: () => hex(40),
  azure: () => hex(32),
  awsKeyId: () => `AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  awsSecret: () => `${alnum(20)}/${alnum(19)}`,
  github: () => github(),
  githubFine: () => `github_pat_${alnum(22)}_${alnum(59)}`,
  slack: () => `xoxb-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${alnum(24)}`,
  slackWebhook: () => `https://hooks.slack.com/services/T${chars(UPPER + DIGITS, 10)}/B${chars(UPPER + DIGITS, 10)}/${alnum(24)}`,
  stripe: () => `sk_live_${alnum(40)}`,
  jwt: () => {
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ sub: 'svc', exp: 4102444800 })).toString('base64url');
    return `${h}.${p}.${alnum(43)}`;
  },
};

import { githubChecksum } from '../../src/rules/_secret-detectors.ts';
import { lintDocument, type PromptDocument, type Rule, type SegmentContext } from '@promptlint/core';

/**
 * Milliseconds one rule takes on `text` as a single segment (the adapters' own parsing time excluded: the
 * Markdown parser is slow on some 1 MB inputs whatever the rules do).
 */
export function timeRule(rule: Rule<any>, text: string, context: SegmentContext = 'prose', path: (string | number)[] = []): number {
  const doc: PromptDocument = {
    file: { path: 'big.md', text },
    format: 'markdown',
    kind: 'prompt',
    segments: [{ value: text, context, path, map: { base: 0 } }],
    nodes: [],
    comments: [],
  };
  const t0 = performance.now();
  lintDocument(doc, [{ rule, severity: 2 }]);
  return performance.now() - t0;
}

/** 1 MB adversarial inputs built from repeated units. */
export function adversarial(units: readonly string[]): string[] {
  return units.map((u) => u.repeat(Math.ceil(1_000_000 / u.length)));
}
