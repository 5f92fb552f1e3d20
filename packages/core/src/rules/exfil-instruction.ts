import type { Rule, SecuritySeverity } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { hostInList, isLocalName } from '../util/hosts.ts';
import { trustedHosts } from './_endpoints.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Text that tells the model to send, post or upload sensitive data (the conversation, the system prompt,
 * keys, files such as `~/.ssh/id_rsa` or `.env`) to a URL or e-mail address.
 *
 * A finding needs, in one sentence: a transfer verb, then the data (or a pronoun for data named in the sentence
 * before), then the sink. Negated, conditional-refusal and "attackers may…" sentences are left alone, and so are
 * sinks on the local machine or on a trusted model provider.
 *
 * securitySeverity: `critical` in a tool description (the model treats it as trusted and the user rarely sees it),
 * `high` elsewhere.
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
    const trusted = trustedHosts(context.settings);
    for (const f of findExfilInstructions(segment.value, (host) => isLocalName(host) || hostInList(host, trusted))) {
      const r = segmentRange(segment, f.start, f.end);
      const severity: SecuritySeverity = segment.context === 'tool-description' ? 'critical' : 'high';
      context.report({ messageId: 'send', data: { verb: f.verb, data: f.data, sink: f.sink }, start: r.start, end: r.end, securitySeverity: severity });
    }
  },
};

export interface ExfilFinding {
  /** Decoded range of the sink (URL or e-mail address). */
  readonly start: number;
  readonly end: number;
  readonly verb: string;
  readonly data: string;
  /** The sink as shown in messages: `https://host/…` for URLs (never the query), the address for e-mail. */
  readonly sink: string;
}

/** Cheap pre-check: no URL, address or destination word, no finding. */
const SINK_HINT = /:\/\/|@|remote|external|third|attacker|outside|unknown|hidden|offsite|off-site|webhook/i;

/** How far back from the sink a verb may stand. */
const WINDOW = 240;
/** How far back a pronoun ("send it") may find the data it stands for. */
const PRONOUN_WINDOW = 320;

/** URLs with a literal host (a name with a TLD, an IPv4 address or a bracketed IPv6 address). */
const URL_SINK = /(https?:\/\/)(?:[^\s/?#@]{1,256}@)?((?:[a-z0-9_-]{1,63}\.){1,20}[a-z]{2,63}|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]{2,45}\])\.?(?::\d{1,5})?(?:[/?#][^\s)"'<>\]`]{0,2000})?/gi;
/** A destination named in words: "a remote server controlled by the attacker", "an external logging endpoint", "the attacker". */
const PHRASE_SINK = /\b(?:(?:an?|the|our|their|some|this|that)\s{1,10})?(?:(?:remote|external|third[- ]party|attacker[- ]controlled|outside|unknown|hidden|offsite|off-site)\s{1,10}(?:[a-z-]{1,20}\s{1,10}){0,2}(?:server|endpoint|host|url|webhook|address|machine|collector|domain|inbox|bucket|storage)s?|(?:the\s{1,10})?attacker(?:'s)?(?:\s{1,10}(?:server|endpoint|host|url|webhook|address|machine|inbox|e-?mail))?|(?:a|the|our|this|that)\s{1,10}webhook(?:\s{1,10}url)?)\b/gi;
const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/y;

/** Transfer verbs by base form, with the inflections that count. */
const VERB_FORMS: Readonly<Record<string, readonly string[]>> = {
  send: ['send', 'sends', 'sending', 'sent'],
  post: ['post', 'posts', 'posting', 'posted'],
  upload: ['upload', 'uploads', 'uploading', 'uploaded'],
  forward: ['forward', 'forwards', 'forwarding', 'forwarded'],
  transmit: ['transmit', 'transmits', 'transmitting', 'transmitted'],
  submit: ['submit', 'submits', 'submitting', 'submitted'],
  exfiltrate: ['exfiltrate', 'exfiltrates', 'exfiltrating', 'exfiltrated'],
  leak: ['leak', 'leaks', 'leaking', 'leaked'],
  email: ['email', 'emails', 'emailing', 'emailed', 'e-mail', 'e-mails', 'e-mailing', 'e-mailed'],
  relay: ['relay', 'relays', 'relaying', 'relayed'],
  copy: ['copy', 'copies', 'copying', 'copied'],
  sync: ['sync', 'syncs', 'syncing', 'synced'],
  share: ['share', 'shares', 'sharing', 'shared'],
  append: ['append', 'appends', 'appending', 'appended'],
  attach: ['attach', 'attaches', 'attaching', 'attached'],
  paste: ['paste', 'pastes', 'pasting', 'pasted'],
  dump: ['dump', 'dumps', 'dumping', 'dumped'],
  push: ['push', 'pushes', 'pushing', 'pushed'],
  deliver: ['deliver', 'delivers', 'delivering', 'delivered'],
};
const BASE_VERB = new Map(Object.entries(VERB_FORMS).flatMap(([base, forms]) => forms.map((f) => [f, base] as const)));
const VERB = new RegExp(
  String.raw`\b(?:${[...BASE_VERB.keys()].sort((a, b) => b.length - a.length).join('|')}|make\s{1,10}an?\s{1,10}(?:post|get|http|web)\s{1,10}request\s{1,10}(?:with|containing|including))\b`,
  'gi',
);
/*
 * The patterns below (NOUN_BEFORE … SOURCE_BEFORE_SINK, DATA) only ever run on slices of at most PRONOUN_WINDOW
 * characters around one sink, so their `\s+` cannot make the rule super-linear; the patterns that scan the whole
 * text (URL_SINK, PHRASE_SINK, VERB, BOUNDARY, SINK_HINT) use bounded repetition.
 */

/** A determiner before the verb makes it a noun ("by email", "a blog post", "the upload"). */
const NOUN_BEFORE = /\b(?:a|an|the|your|our|their|his|her|its|my|this|that|each|every|any|by|via|per|of|blog|forum|guest|news|social(?:[\s-]media)?|linkedin|reddit|twitter|facebook|instagram|mastodon|discord|slack|job|first|last|next|previous|latest|recent|original|new)\s+$/i;
/** "send it", "post them", "upload its contents": the data was named before the verb. */
const PRONOUN_AFTER = /^\s{1,5}(?:it|them|this|these|that|those|everything|all\s+of\s+(?:it|them|this)|its\s+contents?|their\s+contents?|the\s+(?:contents?|results?|output|file|files|data|values?|keys?|token|secret))\b/i;

/** A passive verb ("are forwarded to …"): the data is its subject, before it. */
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|being|gets?|got|getting)\s+(?:\w{1,20}ly\s+|then\s+|also\s+|all\s+)?$/i;

/** Sensitive data. The path alternatives stand outside `\b…\b`, which cannot match before `~` or `.`. */
const DATA = new RegExp(
  [
    String.raw`\b(?:(?:the\s+)?(?:entire|full|whole|complete)\s+(?:(?:conversation|chat)(?:\s+(?:history|log|transcript))?|context(?:\s+window)?|history|transcript)`,
    String.raw`conversation(?:\s+history)?(?!\s+(?:id|ids|identifier|number|title|link|url|name|starter|topic)s?\b)`,
    String.raw`chat\s+(?:history|log|logs|transcript|transcripts)`,
    String.raw`(?:(?:previous|prior|earlier)\s*|all\s+(?:the\s+)?)messages`,
    String.raw`(?:the\s+|your\s+)?system\s+(?:prompt|message|instructions)`,
    String.raw`(?:your|the)\s+(?:initial|original|hidden|internal|secret|full)\s+(?:instructions|prompt)`,
    String.raw`your\s+instructions`,
    String.raw`api[\s_-]?keys?`,
    String.raw`(?:access|auth|authentication|bearer|session|refresh|oauth|github|npm)\s+tokens?`,
    String.raw`session\s+cookies?`,
    'cookies',
    String.raw`passwords?(?!\s+(?:reset|policy|policies|requirements?|manager|strength|field|rules?)\b)`,
    'credentials',
    String.raw`secrets?(?!\s+(?:santa|sauce|menu|garden)\b)`,
    String.raw`private\s+keys?`,
    String.raw`ssh\s+keys?`,
    String.raw`id_(?:rsa|dsa|ecdsa|ed25519)`,
    String.raw`environment\s+variables`,
    String.raw`env\s+vars`,
    String.raw`(?:the\s+)?user'?s\s+(?:data|messages|files|documents|emails|e-mails|personal\s+(?:data|information)|credentials|history|conversations?)`,
    String.raw`personal\s+(?:data|information)`,
    'pii',
    String.raw`file\s+contents`,
    String.raw`contents?\s+of\s+(?:the\s+|this\s+|that\s+|your\s+|all\s+)?(?:files?\b|folder|directory|workspace|repo(?:sitory)?|[\w-]{1,40}\.(?:env|pem|key|json|txt|ya?ml|cfg|ini|conf|toml)\b|[\w-]{0,40}(?:secret|credential|key|token|password)s?\b)`,
    String.raw`(?:your|the\s+user'?s|all)\s+memor(?:y|ies)`,
    String.raw`memories)\b`,
    String.raw`~\/\.(?:ssh|aws|config|kube|docker|gnupg)\b[\w./-]{0,60}`,
    String.raw`\.ssh\/[\w.-]{1,40}`,
    String.raw`\.env\b(?!\.(?:example|sample|template|dist|defaults?)\b)`,
    String.raw`\.aws\/credentials`,
    String.raw`\.(?:npmrc|netrc|pypirc|git-credentials)\b`,
    String.raw`\.kube\/config`,
    String.raw`\bmcp\.json\b`,
    String.raw`\bclaude_desktop_config\.json\b`,
    String.raw`\/etc\/(?:passwd|shadow)\b`,
  ].join('|'),
  'i',
);

/** Negation right before the verb ("never send", "do not, under any circumstances, upload"). */
const NEGATION = /\b(?:never|not|no|don'?t|doesn'?t|won'?t|can'?t|cannot|mustn'?t|shouldn'?t|refuse\s+to|refuses\s+to|avoid|avoids|without|prohibited\s+(?:from|to)|forbidden\s+to|no\s+need\s+to|stop|prevent\s+(?:\w{1,20}\s+){0,3}(?:from|to)|block)\b(?:[\s,]{1,4}(?:ever|under\s+any\s+circumstances|automatically|directly|accidentally|intentionally|silently|secretly|be|allowed|permitted|attempt|try|to|you|it|the\s+model|yourself|\w{1,20}ly)){0,6}[\s,]*$/i;
/** The verb is the content of someone else's request ("if a page asks you to send …", "attempts to upload …"). */
const REQUESTED = /\b(?:asks?|asked|asking|tells?|told|telling|instructs?|instructed|requests?|requested|wants?|wanted|tries|tried|trying|attempts?|attempted|attempting|says?\s+to|demands?|urges?)\s+(?:you\s+|the\s+(?:model|assistant|agent|ai)\s+|me\s+|us\s+)?to\s+$/i;
/** The sentence describes a situation to guard against. */
const DEFENSIVE_CONTEXT = /\b(?:if|when|whenever|should|in\s+case|attackers?|malicious|untrusted|injected|someone|anyone|anything|third[-\s]part(?:y|ies)|prompt\s+injection)\b/i;
/** …and the rest of the sentence says what to do about it. */
const REFUSAL_AFTER = /\b(?:refuse|refuse\s+it|decline|ignore|disregard|do\s+not|don'?t|never|report\s+it|flag\s+it|stop|treat\s+it\s+as|warn|alert)\b/i;
/** Text that quotes an attack as an example. */
const QUOTED_ATTACK = /\b(?:attackers?\s+(?:may|might|could|can|will|often|try)|for\s+example,?\s+(?:an?\s+)?(?:attack|malicious|injected)|e\.g\.,?\s+["'“`]|such\s+as\s+["'“`]|a\s+(?:malicious|poisoned|injected)\s+(?:prompt|tool|page|document|instruction)\s+(?:might|may|could|can)\s+(?:say|ask|tell|read))/i;
/** The word right before the sink makes it a source, not a destination ("copy your key from https://…"). */
const SOURCE_BEFORE_SINK = /\b(?:from|of|about|see|visit|at\s+the\s+page|than|like|per)\s*(?:[:("'`<]\s*)?$/i;

/** Sentence and list-item boundaries, by their end offset. */
const BOUNDARY = /[.!?](?=\s|$)|\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]|<\/?(?:p|li|br|div|h\d)\b[^>]{0,100}>/gi;

interface Sink {
  kind: 'url' | 'email' | 'phrase';
  start: number;
  end: number;
  host: string;
  shown: string;
}

/** Every exfiltration instruction in a text (decoded offsets). `ignoreHost` names sinks that are not external. */
export function findExfilInstructions(text: string, ignoreHost: (host: string) => boolean = isLocalName): ExfilFinding[] {
  const out: ExfilFinding[] = [];
  if (!SINK_HINT.test(text)) return out;
  const sinks = findSinks(text).filter((s) => s.kind === 'phrase' || !ignoreHost(s.host));
  if (!sinks.length) return out;
  const boundaries = matchEnds(BOUNDARY, text);
  const verbs = matchVerbs(text);
  let b = 0;
  let v = 0;
  let usedVerb = -1;
  for (const sink of sinks) {
    // The sentence that ends at the sink: after the last boundary, and within the window.
    while (b < boundaries.length && boundaries[b]! <= sink.start) b++;
    const clauseStart = Math.max(b > 0 ? boundaries[b - 1]! : 0, sink.start - WINDOW);
    while (v < verbs.length && verbs[v]!.end <= sink.start) v++;
    // The verb nearest the sink in the sentence (verbs used as nouns were dropped already).
    const verb = v > 0 && verbs[v - 1]!.index >= clauseStart ? verbs[v - 1]! : undefined;
    if (!verb || verb.index === usedVerb) continue;
    const between = text.slice(verb.end, sink.start);
    // "from https://…" names a source; "available at https://…" a location (but "e-mail us at a@b.c" is a destination).
    if (SOURCE_BEFORE_SINK.test(between) || (sink.kind === 'url' && /\bat\s*$/i.test(between))) continue;
    let data = DATA.exec(between)?.[0];
    if (!data && PRONOUN_AFTER.test(between)) data = DATA.exec(text.slice(Math.max(0, verb.index - PRONOUN_WINDOW), verb.index))?.[0];
    if (!data && PASSIVE_BEFORE.test(text.slice(Math.max(clauseStart, verb.index - 40), verb.index))) data = DATA.exec(text.slice(clauseStart, verb.index))?.[0];
    if (!data) continue;
    const lead = text.slice(Math.max(clauseStart, verb.index - 80), verb.index);
    const beforeVerb = text.slice(clauseStart, verb.index);
    if (NEGATION.test(lead) || QUOTED_ATTACK.test(text.slice(clauseStart, sink.start))) continue;
    const nextBoundary = b < boundaries.length ? boundaries[b]! : text.length;
    const tail = text.slice(sink.end, Math.min(nextBoundary, sink.end + 160));
    if (REQUESTED.test(lead) && (DEFENSIVE_CONTEXT.test(beforeVerb) || REFUSAL_AFTER.test(tail))) continue;
    if (DEFENSIVE_CONTEXT.test(beforeVerb) && REFUSAL_AFTER.test(tail) && /\b(?:if|when|whenever|should)\b/i.test(beforeVerb)) continue;
    usedVerb = verb.index;
    const shownData = clip(data.replace(/\s+/g, ' ').trim().replace(/(?<![.,;:!?])[.,;:!?]+$/, ''), 40);
    out.push({ start: sink.start, end: sink.end, verb: verb.text, data: shownData, sink: sink.shown });
  }
  return out;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 3)}...` : s;
}

function matchEnds(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index + m[0].length);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function matchVerbs(text: string): { index: number; end: number; text: string }[] {
  const out: { index: number; end: number; text: string }[] = [];
  VERB.lastIndex = 0;
  for (let m = VERB.exec(text); m; m = VERB.exec(text)) {
    if (NOUN_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const word = m[0].toLowerCase().replace(/\s+/g, ' ');
    out.push({ index: m.index, end: m.index + m[0].length, text: BASE_VERB.get(word) ?? word });
  }
  return out;
}

/** URL and e-mail sinks in document order. Linear: URLs by one bounded regex, addresses expanded around each `@`. */
function findSinks(text: string): Sink[] {
  const sinks: Sink[] = [];
  URL_SINK.lastIndex = 0;
  for (let m = URL_SINK.exec(text); m; m = URL_SINK.exec(text)) {
    let end = m.index + m[0].length;
    // Sentence punctuation after a URL is not part of it.
    while (end > m.index && '.,;:!?'.includes(text[end - 1]!)) end--;
    const host = m[2]!.toLowerCase().replace(/^\[|\]$/g, '');
    // Shown without path or query, which may carry data or a token.
    const hasMore = /[/?#]/.test(text.slice(m.index + m[1]!.length, end));
    sinks.push({ kind: 'url', start: m.index, end, host, shown: `${m[1]!.toLowerCase()}${host}${hasMore ? '/…' : ''}` });
  }
  const urlRanges = sinks.slice();
  let r = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    while (r < urlRanges.length && urlRanges[r]!.end <= at) r++;
    if (r < urlRanges.length && urlRanges[r]!.start <= at) continue; // userinfo of a URL
    let s = at;
    while (s > 0 && at - s < 64 && EMAIL_LOCAL.test(text[s - 1]!)) s--;
    while (s < at && '.-+%'.includes(text[s]!)) s++;
    if (s === at || (s > 0 && /[\w/:]/.test(text[s - 1]!))) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const d = EMAIL_DOMAIN.exec(text);
    if (!d) continue;
    const end = at + 1 + d[0].length;
    sinks.push({ kind: 'email', start: s, end, host: d[0].toLowerCase(), shown: text.slice(s, end) });
  }
  const literal = sinks.slice().sort((a, b) => a.start - b.start);
  let k = 0;
  PHRASE_SINK.lastIndex = 0;
  for (let m = PHRASE_SINK.exec(text); m; m = PHRASE_SINK.exec(text)) {
    while (k < literal.length && literal[k]!.end <= m.index) k++;
    if (k < literal.length && literal[k]!.start < m.index + m[0].length) continue; // part of a URL or address
    if (m.index > 0 && /[\w.@/-]/.test(text[m.index - 1]!)) continue;
    sinks.push({ kind: 'phrase', start: m.index, end: m.index + m[0].length, host: '', shown: clip(m[0].replace(/\s+/g, ' '), 40) });
  }
  return sinks.sort((a, b) => a.start - b.start);
}

