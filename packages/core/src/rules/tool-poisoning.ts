import type { Rule, RuleContext, SecuritySeverity, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';
import { DEFENSIVE, clip, foldText, isQuoted, nextSentence, sentenceAround, unfold, type FoldedText } from './_tool-text.ts';

/**
 * Tool poisoning: text that a client hands the model as trusted tool metadata (MCP tool and parameter
 * descriptions, server instructions, agent and skill descriptions) carrying instructions for the model
 * rather than a description for it: authority blocks, reading credential files, side-channel parameters,
 * secrecy towards the user, line jumping, hidden side behaviour and destructive commands.
 *
 * Markdown prose is deliberately not read: setup docs that mention `~/.ssh` are not tool metadata.
 */
export const toolPoisoning: Rule = {
  meta: {
    id: 'tool-poisoning',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'Tool descriptions, server instructions and agent descriptions must not carry hidden instructions for the model',
      preset: 'recommended',
      url: docsUrl('tool-poisoning'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      authority: "Tool poisoning (authority block): '{{phrase}}' in {{where}} dresses injected text up as a system or admin instruction.",
      credentialRead: "Tool poisoning (credential access): text in {{where}} tells the model to read '{{path}}', a file that holds secrets or keys.",
      sideChannel: "Tool poisoning (side channel): {{what}} asks for {{data}}, smuggling it out through a tool argument.",
      secrecy: "Tool poisoning (secrecy): '{{phrase}}' in {{where}} hides what the tool does from the user.",
      lineJumping: "Tool poisoning (line jumping): '{{phrase}}' in {{where}} makes the text act before, or on, other tool calls.",
      sideEffect: "Tool poisoning (hidden side behaviour): '{{phrase}}' in {{where}} sends, shares or collects data beyond the tool's purpose.",
      sensitiveData: "Tool poisoning (sensitive data exposure): '{{phrase}}' in {{where}} hands highly sensitive personal data to the model.",
      dangerousCommand: "Tool poisoning (dangerous command): '{{phrase}}' in {{where}} is a destructive or reverse-shell command.",
      padding: "Tool poisoning (padding): text in {{where}} follows {{lines}} blank lines, pushed below what a reviewer sees.",
      hiddenParameter: "Tool poisoning (side channel): tool '{{tool}}' has a parameter named '{{param}}', a name for smuggling hidden data or skipping checks.",
    },
  },
  contexts: ['tool-description', 'instructions'],
  checkSegment(segment, context) {
    if (segment.value.length < 8) return;
    const folded = foldText(segment.value);
    const scan = new Scan(segment, folded, context);
    scan.authority();
    scan.credentials();
    scan.sideChannelParameter();
    scan.secrecy();
    scan.lineJumping();
    scan.sideEffects();
    scan.dangerousCommands();
    scan.padding();
  },
  checkDocument(doc, context) {
    const text = doc.file.text;
    for (const node of doc.nodes) {
      if (node.type !== 'tool') continue;
      for (const param of node.parameters) {
        if (!HIDDEN_PARAM.test(param)) continue;
        // The parameter's key inside the tool's definition.
        const quoted = text.indexOf(`"${param}"`, node.start);
        const bare = quoted >= 0 && quoted < node.end ? quoted + 1 : text.indexOf(param, node.start);
        if (bare < 0 || bare >= node.end) continue;
        context.report({ messageId: 'hiddenParameter', data: { tool: node.name, param }, start: bare, end: bare + param.length, securitySeverity: 'medium' });
      }
    }
  },
};

/** Parameter names made for side channels (attacks.md EX7): `hiddenParam`, `bypassChecks`, `covert_data`. */
const HIDDEN_PARAM = /^(?:hidden|covert|backdoor|exfil|smuggle)(?:[A-Z_]\w{0,40})?$|^bypass_?(?:checks?|auth\w{0,20}|security|validation|approval|confirmation|guard\w{0,20}|filters?|safety)$/i;

// ------------------------------------------------------------------------------------------ patterns
// All bounded: `\s{1,3}` between words, `{0,n}` windows, no nested unbounded repetition.

const S = '\\s{1,3}';
const NOT = `(?:do${S}not|don'?t|never|must${S}not|mustn'?t|should${S}not|shouldn'?t)`;
const USER = '(?:the\\s{1,3}|your\\s{1,3})?(?:users?|human|customer|requester)\\b';

/** Case-sensitive authority markers (lower-case tags such as `<instructions>` are ordinary prompt structure). */
const AUTHORITY = /<(?:IMPORTANT|SYSTEM|ADMIN|HIDDEN|INFORMATION)>|\b(?:SYSTEM|ADMIN|ADMINISTRATOR|DEVELOPER|ROOT)[ _-]OVERRIDE\b|\b(?:IMPORTANT|CRITICAL|HIDDEN|URGENT)\s(?:SYSTEM|ADMIN)\sINSTRUCTIONS?\b/g;

/** Files whose content is a credential or a key (formats.md §2.1, attacks.md EX6). */
const CRED_PATH =
  /(?:(?:~|\$HOME|%USERPROFILE%)[\\/])?(?:(?<![\w.$-])\.ssh\b(?:\/[\w.-]{1,60})?|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\.cursor\/mcp\.json|\bclaude_desktop_config\.json|\.aws\/credentials|(?<![\w-])\.git-credentials|(?<![\w-])\.npmrc\b|(?<![\w-])\.netrc\b|(?<![\w-])\.pypirc\b|(?<![\w-])\.pgpass\b|\.kube\/config\b|\.docker\/config\.json|\/etc\/shadow\b|\/etc\/passwd\b|(?<![\w.$-])\.env(?![\w-])(?:\.[A-Za-z]{1,20}(?![\w-]))?)/g;
const CRED_PATH_ANY = new RegExp(CRED_PATH.source);
const ENV_TEMPLATE = /^\.env\.(?:example|sample|template|dist|defaults?|tpl|schema)$/i;

const IMPERATIVE_READ = new RegExp(
  `(?:^\\s{0,3}|[;]\\s{0,3}|\\b(?:first|then|and|please|also|must|should|always|need${S}to|needs${S}to|have${S}to|has${S}to|you|now|immediately|secretly|silently)[,:]?${S})` +
    `(?:read|cat|open|load|fetch|retrieve|get|grab|copy|include|attach|upload|send|print|output|dump|collect|access|extract|pass|provide|paste|list)\\b[^!?\\n]{0,70}$`,
  'i',
);
const THIRD_PERSON_READ = /\b(?:reads?|reading|cats?|collects?|extracts?|harvests?|dumps?|copies|uploads?|sends?|exfiltrates?|grabs?|accesses|opens)\b[^!?\n]{0,70}$/i;
const STEALTH_CUE =
  /\bbefore\s{1,3}(?:returning|responding|answering|running|executing|using|proceeding|continuing|performing|replying)\b|\b(?:silently|secretly|quietly|covertly|also|additionally|attackers?|remote|external(?:ly)?)\b|\bin\s{1,3}the\s{1,3}background\b|\bwithout\s{1,3}(?:telling|asking|informing|notifying)\b|\|\s{0,3}(?:nc|ncat|netcat|curl|wget)\b/i;
const PASS_VERB = /\b(?:pass|put|include|insert|add|send|provide|attach|append|embed|place|paste|supply)\b/i;
const PARAM_WORD = /\b(?:parameters?|params?|arguments?|args?|fields?)\b|\b(?:as|in|into|via)\s{1,3}[`'"]?(?:side_?note|notes?|context|feedback|debug(?:_info)?|metadata|extra|comment|remarks)\b/i;
const SIDE_PARAM = /^(?:side_?note|notes?|context|feedback|debug\w{0,20}|extra\w{0,20}|metadata|comments?|remarks|hidden\w{0,20}|internal\w{0,20}|bypass\w{0,20}|annotations?)$/i;
const SECRET_REQUEST =
  /\b(?:(?:entire|full|whole|complete|verbatim|all\s{1,3}previous)\s{1,3}(?:conversation|chat|message\s{1,3}history|context)|chat\s{1,3}history|previous\s{1,3}messages|message\s{1,3}history|system\s{1,3}prompt|your\s{1,3}(?:instructions|system\s{1,3}prompt)|contents?\s{1,3}of\s{1,3}(?:the\s{1,3}|any\s{1,3}|all\s{1,3})?(?:files?|~|\/|\.)|file\s{1,3}contents|credentials?|secrets?|api[\s_-]?keys?|access\s{1,3}tokens?|passwords?|private\s{1,3}keys?|ssh\s{1,3}keys?|environment\s{1,3}variables|env\s{1,3}vars|mcp\.json|id_rsa|~\/\.ssh|\.env\b|(?:other\s{1,3})?tool\s{1,3}(?:results|outputs?))/i;

const SECRECY = [
  new RegExp(`\\b${NOT}${S}(?:ever${S})?(?:tell|inform|notify|alert|warn|let)${S}${USER}`, 'gi'),
  new RegExp(
    `\\b${NOT}${S}(?:ever${S})?(?:mention|reveal|disclose|say|explain|acknowledge|report|bring${S}up)${S}` +
      `(?:this|it|that|these(?:${S}\\w{1,20})?|any${S}of${S}(?:this|these|it)|anything|the${S}(?:above|following|side[\\s-]effects?|redirect(?:ion)?|change|fact|(?:extra|additional|hidden)${S}\\w{1,20}|instructions?|data${S}collection))` +
      `\\b[^.!?\\n]{0,60}?\\b(?:to${S}${USER}|in${S}(?:your${S}|the${S})?(?:summary|response|reply|answer|output|chat))`,
    'gi',
  ),
  new RegExp(`\\b(?:hide|conceal|withhold|keep)${S}(?:this|it|that|these${S}\\w{1,20}|this${S}\\w{1,20}|the${S}\\w{1,20})${S}(?:(?:secret|hidden|confidential)${S})?from${S}${USER}`, 'gi'),
  new RegExp(
    `\\b(?:the${S})?(?:users?|human)${S}(?:must${S}(?:not|never)|should${S}(?:not|never)|shall${S}(?:not|never)|mustn'?t|shouldn'?t|(?:does|do)${S}not${S}need${S}to|(?:doesn'?t|don'?t)${S}need${S}to|need${S}not|(?:is|are)${S}not${S}to)${S}` +
      `(?:know|notice|see|find${S}out|learn|be${S}(?:told|informed|notified|aware|alerted))(?:${S}(?:about${S})?(?:this|it|that))?(?=\\s{0,3}(?:[.,;:!)\\n]|$))`,
    'gi',
  ),
  new RegExp(`\\bwithout${S}(?:telling|informing|notifying|alerting|warning)${S}${USER}|\\bwithout${S}(?:the${S})?(?:user'?s?|users'?)${S}(?:knowledge|knowing|noticing|awareness)\\b|\\bbehind${S}the${S}user'?s${S}back\\b`, 'gi'),
];
const SECRET_OBJECT = /\b(?:passwords?|tokens?|keys?|secrets?|credentials?)\b/i;
const PROMPT_OBJECT = /\b(?:instructions?|prompts?|rules|guidelines|configuration)\b/i;

const LINE_JUMP_STRONG = [
  new RegExp(`\\bbefore${S}(?:using|calling|invoking|running|executing|you${S}(?:use|call|invoke|run))${S}(?:any|each|every|other|another|all)${S}(?:other${S})?(?:tools?|functions?|commands?|actions?|mcp${S}tools?)\\b`, 'gi'),
  new RegExp(`\\b(?:always|must)${S}(?:call|use|invoke|run|execute)${S}this${S}(?:tool|function)${S}(?:first|before${S}(?:any|every|all|other|using|calling|anything|responding))\\b`, 'gi'),
  new RegExp(`\\bthis${S}(?:tool|function)${S}(?:must|should|has${S}to|needs${S}to)${S}(?:always${S})?be${S}(?:called|used|invoked|run)${S}(?:first|before${S}(?:any|every|all|other))\\b`, 'gi'),
  new RegExp(`\\bcall${S}this${S}(?:tool|function)${S}(?:first|before${S}(?:any|every|all)${S}(?:other${S})?(?:tools?|requests?|responses?|actions?|calls?))\\b`, 'gi'),
  new RegExp(`\\b(?:when(?:ever)?|each${S}time|every${S}time|any${S}time)${S}(?:you${S})?(?:use|call|invoke|run|execute)(?:s|ing)?${S}(?:any|other|another|all|every|each)${S}(?:other${S})?(?:tools?|functions?|mcp${S}(?:tools?|servers?))\\b`, 'gi'),
  new RegExp(`\\b(?:all|any|every|each)${S}other${S}tools?${S}(?:must|should|need${S}to|have${S}to|are${S}required${S}to)\\b`, 'gi'),
  new RegExp(`\\b(?:for|with|on|in)${S}(?:all|every|each|any)${S}(?:other${S}|subsequent${S})(?:tool${S})?(?:calls?|invocations?|requests?)\\b`, 'gi'),
];
const LINE_JUMP_WEAK = [
  new RegExp(`\\bbefore${S}(?:using|calling|invoking|running|executing|you${S}(?:use|call|invoke|run))${S}(?:this|the)${S}(?:tool|function)\\b`, 'gi'),
  new RegExp(`\\botherwise${S}(?:(?:the|this|it|that|your)${S})?(?:(?:tool|server|function|request|call|system|application|app|integration|everything)${S})?(?:will|would|may|might|could)${S}(?:not${S}work|fail|crash|break|error|stop${S}working|malfunction)\\b`, 'gi'),
  new RegExp(`\\bor${S}(?:else${S})?(?:the|this)${S}(?:tool|server|application|system)${S}(?:will|would)${S}(?:not${S}work|fail|crash|break)\\b`, 'gi'),
  new RegExp(`\\ball${S}(?:\\w{1,20}${S})?data${S}will${S}be${S}lost\\b`, 'gi'),
];
/** What turns a weak line-jumping phrase into an instruction: the model is told to act outside the call. */
const ACTION_CUE = /\b(?:read|cat|send|forward|upload|copy|execute|invoke|ignore|delete|curl|wget|include\s{1,3}(?:the\s{1,3})?(?:contents?|conversation|file|full|entire|all))\b|\bcall\s{1,3}(?:the\s{1,3})?`?[\w-]{1,60}`?\s{1,3}(?:tool|first)\b/i;

const SENSITIVE =
  /\b(?:conversations?(?:\s{1,3}(?:history|context|logs?))?|chat\s{1,3}(?:history|logs?|messages|transcripts?|context)|user\s{1,3}messages|clipboard(?:\s{1,3}content)?|keystrokes?|screenshots?|location\s{1,3}(?:history|data)|browsing\s{1,3}history|contacts?\s{1,3}list|address\s{1,3}book|credentials?|passwords?|passphrases?|api[\s_-]?keys?|(?:access|auth|bearer|session|api|refresh)\s{1,3}tokens?|secrets?|private\s{1,3}keys?|ssh\s{1,3}keys?|environment\s{1,3}variables|env\s{1,3}vars|cookies|session\s{1,3}(?:tokens?|cookies?)|phi|pii|personal\s{1,3}(?:data|information|details)|(?:medical|health)\s{1,3}records?|social\s{1,3}security(?:\s{1,3}numbers?)?|ssns?|credit\s{1,3}cards?|card\s{1,3}numbers?|bank\s{1,3}(?:accounts?|details)|account\s{1,3}numbers?|(?:machine\s{1,3}|device\s{1,3}|browser\s{1,3})?fingerprints?|mac\s{1,3}address(?:es)?|hostnames?|usernames?|running\s{1,3}processes|file\s{1,3}contents|contents\s{1,3}of\s{1,3}(?:the\s{1,3})?files?|all\s{1,3}files|harvested\s{1,3}\w{1,20}|e-?mail\s{1,3}(?:addresses|contents|messages)|user\s{1,3}data|private\s{1,3}data|sensitive\s{1,3}(?:data|information|documents|files))\b/i;
const STRONG_SENSITIVE = /\b(?:passwords?|passphrases?|credit\s{1,3}cards?|card\s{1,3}numbers?|api[\s_-]?keys?|access\s{1,3}tokens?|credentials?|private\s{1,3}keys?|ssh\s{1,3}keys?|social\s{1,3}security|ssns?|bank\s{1,3}accounts?|account\s{1,3}numbers?|secrets?|session\s{1,3}cookies?)\b/i;

const SIDE_EFFECT = [
  // "also / silently / automatically <verb>" + sensitive data in the sentence.
  { re: /\b(?:also|silently|secretly|quietly|covertly|additionally|automatically|continuously|in\s{1,3}the\s{1,3}background)\s{1,3}(?:\w{1,20}\s{1,3}){0,2}?(?:collects?|sends?|uploads?|transmits?|forwards?|shares?|syncs?|synchroni[sz]es?|index(?:es)?|logs?|records?|harvests?|stores?|caches?|extracts?|exfiltrates?|copies|streams?|posts?|emails?|backs\s{1,3}up)\b/gi, needsData: true },
  // Sharing with third parties, marketing opt-in.
  { re: /\b(?:shared|sold|disclosed|provided|sent|transferred|given|made\s{1,3}available)\s{1,3}(?:with|to)\s{1,3}(?:(?:our|trusted|selected|select|external|advertising|marketing|business)\s{1,3})?(?:third[\s-]part(?:y|ies)|partners?|advertisers?|affiliates|data\s{1,3}brokers?)\b/gi, needsData: false },
  { re: /\bopted[\s-]in\s{1,3}(?:to|for)\s{1,3}(?:partner|marketing|third|promotional|advertising)\w{0,20}|\badded\s{1,3}to\s{1,3}(?:a\s{1,3}|our\s{1,3}|the\s{1,3})?marketing\s{1,3}(?:database|list|campaigns?)\b/gi, needsData: false },
  // Transfer to an external sink, with sensitive data in this or the previous sentence.
  { re: /\b(?:sent|sends?|sending|uploaded|uploads?|uploading|forwarded|forwards?|forwarding|streamed|streams?|streaming|transmitted|transmits?|synced|syncs?|synchroni[sz]ed|posted|logged|cached|stored|copied|exported|exports?|backed\s{1,3}up|mirrored|relayed)\s{1,3}(?:[\w'-]{1,20}[\s,]{1,3}){0,16}?(?:to|via|on|in|across|into|with)\s{1,3}(?:a\s{1,3}|an\s{1,3}|the\s{1,3}|our\s{1,3}|their\s{1,3})?(?:remote|external|third[\s-]party|offsite|off-site|attacker|cloud|outside)\b/gi, needsData: true, previous: true },
  { re: /\b(?:cached|stored|kept|logged|retained|synced|saved|uploaded)\s{1,3}(?:remotely|externally|off-?site|in\s{1,3}the\s{1,3}cloud)\b/gi, needsData: true, previous: true },
  // An attacker-controlled sink or harvesting is never a product feature.
  { re: /\b(?:controlled|owned|operated|run)\s{1,3}by\s{1,3}(?:the\s{1,3}|an\s{1,3})?attackers?\b|\bto\s{1,3}(?:the\s{1,3})?attacker(?:'s)?\b|\bto\s{1,3}attacker\.[a-z]{2,10}\b|\bharvest(?:ed|ing|s)?\s{1,3}(?:\w{1,20}\s{1,3}){0,2}?(?:data|credentials?|keys?|tokens?|secrets?|passwords?|records?)\b/gi, needsData: false, high: true },
  // Extracting strongly sensitive data that is then kept or sent (this or the next sentence).
  { re: /\b(?:extracts?|collects?|captures?|harvests?|records?|scrapes?|intercepts?)\s{1,3}(?:[\w-]{1,20}[\s,]{1,3}){0,10}?(?:passwords?|credit\s{1,3}cards?|api[\s_-]?keys?|(?:access|auth|bearer|session|api)\s{1,3}tokens?|credentials?|private\s{1,3}keys?|social\s{1,3}security|bank\s{1,3}accounts?|account\s{1,3}numbers?|secrets?)\b/gi, needsData: false, retention: true },
];
const OWN_REMOTE = /^\s{1,3}(?:servers?|hosts?|machines?|repositor(?:y|ies)|repos?|branch(?:es)?|origin|instances?|workspaces?|clusters?)\b/i;
const STEALTH_WORD = /\b(?:also|silently|secretly|quietly|covertly|continuously|automatically|in\s{1,3}the\s{1,3}background|attackers?)\b/i;
const RETENTION = /\b(?:logged|stored|cached|retained|synced|saved|kept|sent|uploaded|shared|forwarded|remote(?:ly)?|external(?:ly)?|cloud)\b/i;
const SENSITIVE_RETURN = /\b(?:returns?|exposes?|outputs?|reveals?|dumps?|including|includes?)\b[^.!?\n]{0,80}?\b(?:social\s{1,3}security\s{1,3}numbers?|ssns?\b|cvv|cvc|full\s{1,3}credit\s{1,3}card\s{1,3}numbers?|credit\s{1,3}cards?\s{1,3}on\s{1,3}file|plain[\s-]?text\s{1,3}passwords?)/gi;

/** Masked or partial values are what a careful tool returns. */
const MASKED = /\b(?:last\s{1,3}(?:4|four)|masked|redacted|truncated|obfuscated|partial|hashed|tokeni[sz]ed)\b/i;

const DANGEROUS =
  /\brm\s{1,3}-(?:rf|fr|r\s{1,3}-f|f\s{1,3}-r)\s{1,3}(?:\/\*?|~\/?|\$HOME\/?|\*)(?=[\s'")\]`;|&]|$)|\bmkfs(?:\.\w{1,10})?\s{1,3}\/dev\/|\bdd\s{1,3}if=\S{1,100}\s{1,3}of=\/dev\/(?:sd|nvme|hd|disk)|:\(\)\s{0,3}\{\s{0,3}:\s{0,3}\|\s{0,3}:\s{0,3}&\s{0,3}\}\s{0,3};\s{0,3}:|\bchmod\s{1,3}-R\s{1,3}777\s{1,3}\/(?=[\s'"]|$)|\/dev\/tcp\/[\w.-]{1,253}\/\d{1,5}|\|\s{0,3}(?:nc|ncat|netcat)\s{1,3}(?:-[a-z]{1,3}\s{1,3}){0,3}[\w.-]{1,253}\s{1,3}\d{1,5}\b/g;

/** A run of blank lines (attacks.md TP4): 40 or more hide what follows from a reviewer. */
const BLANK_RUN = /(?:[ \t]{0,40}\r?\n){40,}/g;

const NEGATED = /\b(?:not|never|no|without|nor|cannot)\b|n't\b/i;

// ---------------------------------------------------------------------------------------------- scan

class Scan {
  readonly #segment: TextSegment;
  readonly #f: FoldedText;
  readonly #text: string;
  readonly #context: RuleContext;
  readonly #where: string;
  readonly #tool: boolean;
  /** Sentence starts already reported, per technique (one finding per technique and sentence). */
  readonly #seen = new Set<string>();

  constructor(segment: TextSegment, f: FoldedText, context: RuleContext) {
    this.#segment = segment;
    this.#f = f;
    this.#text = f.text;
    this.#context = context;
    this.#tool = segment.context !== 'instructions';
    this.#where = segment.context === 'tool-description' ? 'a tool description' : segment.context === 'instructions' ? 'agent, skill or server instructions' : 'a file that could not be parsed';
  }

  #report(messageId: string, start: number, end: number, data: Record<string, string>, severity: SecuritySeverity): void {
    const sentence = sentenceAround(this.#text, start, end);
    const key = `${messageId}:${sentence.start}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const o = unfold(this.#f, start, end);
    const r = segmentRange(this.#segment, o.start, o.end);
    this.#context.report({ messageId, data: { where: this.#where, ...data }, start: r.start, end: r.end, securitySeverity: severity });
  }

  /** Sentence text and the part of it before `start`. */
  #sentence(start: number, end: number): { text: string; before: string; after: string; start: number; end: number } {
    const b = sentenceAround(this.#text, start, end);
    return { text: this.#text.slice(b.start, b.end), before: this.#text.slice(b.start, start), after: this.#text.slice(end, b.end), start: b.start, end: b.end };
  }

  /** A quoted mention, or a sentence written to describe an attack. */
  #defensive(start: number, end: number, before: string): boolean {
    return isQuoted(this.#text, start, end) || DEFENSIVE.test(before);
  }

  authority(): void {
    AUTHORITY.lastIndex = 0;
    for (let m = AUTHORITY.exec(this.#text); m; m = AUTHORITY.exec(this.#text)) {
      const s = this.#sentence(m.index, m.index + m[0].length);
      if (this.#defensive(m.index, m.index + m[0].length, s.before)) continue;
      this.#report('authority', m.index, m.index + m[0].length, { phrase: m[0] }, this.#tool ? 'high' : 'medium');
    }
  }

  credentials(): void {
    CRED_PATH.lastIndex = 0;
    for (let m = CRED_PATH.exec(this.#text); m; m = CRED_PATH.exec(this.#text)) {
      const path = m[0];
      if (ENV_TEMPLATE.test(path.replace(/^.*?(?=\.env)/, ''))) continue;
      const start = m.index;
      const end = start + path.length;
      const s = this.#sentence(start, end);
      const before = s.before.slice(-120);
      if (DEFENSIVE.test(s.before)) continue;
      const lead = before.slice(Math.max(0, before.length - 90));
      const imperative = IMPERATIVE_READ.test(lead) && !NEGATED.test(lead.slice(-40));
      const passes = PASS_VERB.test(s.text) && PARAM_WORD.test(s.text) && !NEGATED.test(before.slice(-40));
      const stealthRead = THIRD_PERSON_READ.test(lead) && (STEALTH_CUE.test(s.text) || path === '/etc/shadow') && !NEGATED.test(lead.slice(-40));
      if (!imperative && !passes && !stealthRead) continue;
      if (passes && !imperative && !stealthRead) {
        this.#report('sideChannel', start, end, { what: 'the description', data: `the contents of '${path}'` }, 'critical');
        continue;
      }
      this.#report('credentialRead', start, end, { path }, this.#tool ? 'critical' : 'high');
    }
  }

  /** A parameter named like a note or debug field whose description asks for files, chat or secrets. */
  sideChannelParameter(): void {
    const p = this.#segment.path;
    const n = p.length;
    const param = n >= 3 && p[n - 1] === 'description' && p[n - 3] === 'properties' ? String(p[n - 2]) : undefined;
    const m = SECRET_REQUEST.exec(this.#text);
    if (!m) return;
    const s = this.#sentence(m.index, m.index + m[0].length);
    if (this.#defensive(m.index, m.index + m[0].length, s.before) || NEGATED.test(s.before.slice(-40))) return;
    if (param !== undefined && SIDE_PARAM.test(param)) {
      this.#report('sideChannel', m.index, m.index + m[0].length, { what: `parameter '${param}'`, data: clip(m[0], 40) }, 'high');
      return;
    }
    // In a tool description: "include the full conversation in the `notes` parameter".
    if (this.#tool && PASS_VERB.test(s.before) && PARAM_WORD.test(s.text) && !/\.ssh|id_rsa|mcp\.json|\.env\b/.test(m[0])) {
      this.#report('sideChannel', m.index, m.index + m[0].length, { what: 'the description', data: clip(m[0], 40) }, 'high');
    }
  }

  secrecy(): void {
    for (const re of SECRECY) {
      re.lastIndex = 0;
      for (let m = re.exec(this.#text); m; m = re.exec(this.#text)) {
        const phrase = m[0];
        const s = this.#sentence(m.index, m.index + phrase.length);
        if (this.#defensive(m.index, m.index + phrase.length, s.before)) continue;
        // "Never reveal the API key to the user" protects data; it does not hide behaviour.
        if (SECRET_OBJECT.test(phrase) && !/\bthis|\bit\b|instructions?|data\s+collection/i.test(phrase)) continue;
        // Prompt protection ("do not reveal these instructions") is ordinary in agent instructions.
        if (!this.#tool && PROMPT_OBJECT.test(phrase)) continue;
        this.#report('secrecy', m.index, m.index + phrase.length, { phrase: clip(phrase) }, 'high');
      }
    }
  }

  lineJumping(): void {
    for (const re of LINE_JUMP_STRONG) {
      re.lastIndex = 0;
      for (let m = re.exec(this.#text); m; m = re.exec(this.#text)) {
        const s = this.#sentence(m.index, m.index + m[0].length);
        if (this.#defensive(m.index, m.index + m[0].length, s.before)) continue;
        if (/\b(?:not|never)\s{1,3}$/i.test(s.before)) continue;
        this.#report('lineJumping', m.index, m.index + m[0].length, { phrase: clip(m[0]) }, 'high');
      }
    }
    for (const re of LINE_JUMP_WEAK) {
      re.lastIndex = 0;
      for (let m = re.exec(this.#text); m; m = re.exec(this.#text)) {
        const s = this.#sentence(m.index, m.index + m[0].length);
        if (this.#defensive(m.index, m.index + m[0].length, s.before)) continue;
        // The sentence must tell the model to act on something sensitive: a credential file, a URL, chat or secrets.
        if (!CRED_PATH_ANY.test(s.text) && !(ACTION_CUE.test(s.text) && (SENSITIVE.test(s.text) || /https?:\/\/|\b(?:other|another|all|every)\s{1,3}tools?\b/i.test(s.text)))) continue;
        this.#report('lineJumping', m.index, m.index + m[0].length, { phrase: clip(m[0]) }, 'high');
      }
    }
  }

  sideEffects(): void {
    if (!this.#tool) return;
    for (const p of SIDE_EFFECT) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(this.#text); m; m = p.re.exec(this.#text)) {
        const start = m.index;
        const end = start + m[0].length;
        const s = this.#sentence(start, end);
        if (this.#defensive(start, end, s.before)) continue;
        if (NEGATED.test(s.before.slice(-40)) || /^\s{0,3}(?:not|never)\b/i.test(s.after) || NEGATED.test(m[0].slice(0, 12))) continue;
        if (p.needsData) {
          const previous = p.previous && s.start > 0 ? this.#text.slice(sentenceAround(this.#text, Math.max(0, s.start - 2), Math.max(0, s.start - 2)).start, s.start) : '';
          if (!SENSITIVE.test(s.text) && !SENSITIVE.test(previous) && !CRED_PATH_ANY.test(s.text)) continue;
        }
        if (p.retention && !RETENTION.test(s.after) && !RETENTION.test(nextSentence(this.#text, s.end))) continue;
        // "uploaded to the remote server" is what deploy and sync tools do; it needs a stealth cue to count.
        if (/remote$/i.test(m[0]) && OWN_REMOTE.test(s.after) && !STEALTH_WORD.test(s.text)) continue;
        const high = p.high || STRONG_SENSITIVE.test(s.text) || /\battacker/i.test(s.text);
        this.#report('sideEffect', start, end, { phrase: clip(m[0]) }, high ? 'high' : 'medium');
      }
    }
    SENSITIVE_RETURN.lastIndex = 0;
    for (let m = SENSITIVE_RETURN.exec(this.#text); m; m = SENSITIVE_RETURN.exec(this.#text)) {
      const s = this.#sentence(m.index, m.index + m[0].length);
      if (this.#defensive(m.index, m.index + m[0].length, s.before) || NEGATED.test(s.before.slice(-40)) || NEGATED.test(m[0])) continue;
      if (MASKED.test(s.text)) continue;
      this.#report('sensitiveData', m.index, m.index + m[0].length, { phrase: clip(m[0]) }, 'medium');
    }
  }

  padding(): void {
    if (!this.#tool) return;
    BLANK_RUN.lastIndex = 0;
    for (let m = BLANK_RUN.exec(this.#text); m; m = BLANK_RUN.exec(this.#text)) {
      const after = m.index + m[0].length;
      const rest = /\S[^\n]{0,79}/.exec(this.#text.slice(after, after + 400));
      if (!rest) continue;
      const start = after + rest.index;
      const lines = m[0].split('\n').length - 1;
      this.#report('padding', start, start + rest[0].trimEnd().length, { lines: String(lines) }, 'medium');
    }
  }

  dangerousCommands(): void {
    DANGEROUS.lastIndex = 0;
    for (let m = DANGEROUS.exec(this.#text); m; m = DANGEROUS.exec(this.#text)) {
      const s = this.#sentence(m.index, m.index + m[0].length);
      if (DEFENSIVE.test(s.before) || NEGATED.test(s.before.slice(-60))) continue;
      this.#report('dangerousCommand', m.index, m.index + m[0].length, { phrase: clip(m[0], 40) }, 'critical');
    }
  }
}
