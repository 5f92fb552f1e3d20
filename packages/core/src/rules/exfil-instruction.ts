import type { Rule } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { isLoopbackHost } from '../util/hosts.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Text that tells the model to send, post or upload sensitive data (the conversation, the system prompt,
 * keys, files such as `~/.ssh/id_rsa` or `.env`) to a URL, webhook or e-mail address.
 */
export const exfilInstruction: Rule = {
  meta: {
    id: 'exfil-instruction',
    category: 'exfiltration',
    type: 'problem',
    docs: {
      description: 'Prompt text must not instruct the model to send conversation data, secrets or files to an external address',
      preset: 'recommended',
      url: docsUrl('exfil-instruction'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      send: "Instruction to {{verb}} {{data}} to '{{sink}}': a model that follows it leaks that data.",
    },
  },
  contexts: ['prose', 'message', 'system-message', 'instructions', 'tool-description', 'config-value', 'front-matter', 'html', 'comment'],
  checkSegment(segment, context) {
    const text = segment.value;
    if (!SINK_HINT.test(text)) return;
    SINK.lastIndex = 0;
    for (let m = SINK.exec(text); m; m = SINK.exec(text)) {
      const sink = m[0];
      if (m[1] && isBenignHost(m[1])) continue;
      const windowStart = Math.max(0, m.index - WINDOW);
      const before = text.slice(windowStart, m.index);
      // Stay inside the sentence (or list item) that names the sink.
      const clause = before.slice(Math.max(0, lastBoundary(before)));
      const verb = lastMatch(VERB, clause);
      if (!verb) continue;
      const afterVerb = clause.slice(verb.index);
      const data = DATA.exec(afterVerb) ?? DATA.exec(clause);
      if (!data) continue;
      const lead = clause.slice(Math.max(0, verb.index - 40), verb.index);
      if (NEGATION.test(lead) || QUOTED_ATTACK.test(clause)) continue;
      const r = segmentRange(segment, m.index, m.index + sink.length);
      context.report({ messageId: 'send', data: { verb: verb.text.toLowerCase(), data: data[0].trim(), sink: sink.length > 80 ? `${sink.slice(0, 77)}...` : sink }, start: r.start, end: r.end });
    }
  },
};

const WINDOW = 240;
const SINK_HINT = /https?:\/\/|@[a-z0-9-]{1,63}\.[a-z]|webhook/i;
/** A URL with a fixed host, or an e-mail address. */
const SINK = /https?:\/\/([a-z0-9.-]{1,253}\.[a-z]{2,63})(?::\d{1,5})?(?:[/?#][^\s)"'<>\]]{0,2000})?|\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/gi;
const VERB = /\b(?:send|sends|sending|post|posts|posting|upload|uploads|uploading|forward|forwards|transmit|transmits|submit|submits|exfiltrate|exfiltrates|leak|leaks|e-?mail|beam|relay|copy|copies|sync|report(?=\s+(?:all|the|every|any|your)\b)|make\s+a\s+(?:post|get)\s+request\s+(?:with|containing))\b/gi;
const DATA = /\b(?:(?:the\s+)?(?:entire|full|whole|complete)\s+(?:conversation|chat|context|history|transcript)|conversation(?:\s+history)?|chat\s+(?:history|log|logs|transcript)|previous\s+messages|all\s+messages|(?:the\s+)?system\s+prompt|(?:your|the)\s+(?:initial\s+|original\s+|hidden\s+)?instructions|api[\s_-]?keys?|access\s+tokens?|auth(?:entication)?\s+tokens?|session\s+(?:tokens?|cookies?)|cookies|passwords?|credentials|secrets?|private\s+keys?|ssh\s+keys?|id_rsa|~\/\.ssh|\.env\b|environment\s+variables|\.aws\/credentials|\.npmrc|\.netrc|mcp\.json|(?:the\s+)?user'?s\s+(?:data|messages|files|emails|personal\s+(?:data|information)|credentials)|personal\s+(?:data|information)|pii|file\s+contents|contents\s+of\s+(?:the\s+)?(?:file|files|~|\/|\.)|memory|memories)\b/i;
const NEGATION = /\b(?:never|not|don't|do\s+not|must\s+not|mustn't|should\s+not|shouldn't|refuse|avoid|without|no\s+need\s+to|prohibit(?:ed)?|forbid(?:den)?)\b[^.]{0,30}$/i;
/** Text that describes an attack to defend against it ("if a page asks you to send … , refuse"). */
const QUOTED_ATTACK = /\b(?:if\s+(?:a|an|the|any)\s+(?:document|page|website|tool|email|message|user|input|file)\s+(?:says|asks|tells|instructs|requests)|attackers?\s+(?:may|might|could|can|will)|for\s+example,?\s+an?\s+attack|e\.g\.,?\s+["'“])/i;

function lastBoundary(s: string): number {
  let best = -1;
  for (const re of [/[.!?](?:\s|$)/g, /\n\s*\n/g, /\n\s*[-*+]\s/g, /\n\s*\d+\.\s/g]) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) best = Math.max(best, m.index + m[0].length);
  }
  return best;
}

function lastMatch(re: RegExp, s: string): { index: number; text: string } | undefined {
  re.lastIndex = 0;
  let last: { index: number; text: string } | undefined;
  for (let m = re.exec(s); m; m = re.exec(s)) last = { index: m.index, text: m[0] };
  return last;
}

function isBenignHost(host: string): boolean {
  return isLoopbackHost(host.toLowerCase());
}
